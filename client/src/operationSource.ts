import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { getOperationAST, type DocumentNode } from 'graphql';

/** What the client sends for one document; computed once per document. */
export interface OperationSource {
  operationName: string;
  /** The exact text the codegen client preset hashes and writes to the manifest. */
  text: string;
  /** sha256 of `text`, hex: the key of the operation in `persisted-documents.json`. */
  sha256Hash: string;
}

const sources = new WeakMap<DocumentNode, Promise<OperationSource>>();

/**
 * The name, text and hash of a document's operation. The text is printed the way the client
 * preset prints it for the trusted-documents manifest (normalised, fields sorted), so a full-text
 * request hashes to the manifest key and passes a gateway in `enforce` mode.
 */
export function operationSource(document: DocumentNode): Promise<OperationSource> {
  let source = sources.get(document);
  if (!source) {
    source = describe(document);
    sources.set(document, source);
  }
  return source;
}

async function describe(document: DocumentNode): Promise<OperationSource> {
  const operationName = getOperationAST(document)?.name?.value;
  if (!operationName) {
    throw new TypeError('A Sahem client document must contain exactly one named operation.');
  }
  const text = printExecutableGraphQLDocument(document);
  // Generated documents carry their manifest hash; others (a team's own documents) get one here.
  const generated = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  const sha256Hash = typeof generated === 'string' ? generated : await sha256Hex(text);
  return { operationName, text, sha256Hash };
}

async function sha256Hex(text: string): Promise<string> {
  // Web Crypto, so the client runs unchanged in browsers and in Node.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
