import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as client from '../src/index.ts';
import { operationSource } from '../src/index.ts';
import { readClientDocuments } from '../../schema/readClientDocuments.ts';

const manifest: Record<string, string> = JSON.parse(
  readFileSync(new URL('../src/__generated__/persisted-documents.json', import.meta.url), 'utf8'),
);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const generated = Object.entries(client).filter(([name]) => name.endsWith('Document')) as [
  string,
  DocumentNode,
][];
const files = readClientDocuments();

describe('the trusted-documents manifest', () => {
  it('holds one operation per shipped .graphql file', () => {
    // Operations only: a fragment travels inside every operation that spreads it.
    const names = (source: string) =>
      parse(source).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : [],
      );
    const shipped = files.flatMap((file) => names(file.source)).sort();
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(Object.values(manifest).flatMap(names).sort()).toEqual(shipped);
    expect(generated.map(([name]) => name.replace(/Document$/, '')).sort()).toEqual(shipped);
  });

  it('keys every operation by the sha256 of its exact text', () => {
    for (const [hash, text] of Object.entries(manifest)) expect(sha256(text)).toBe(hash);
  });

  it.each(files.map((file) => [file.file, file.source]))(
    '%s, with the fragments it spreads, is sent as its manifest text',
    async (_, source) => {
      const sent = await operationSource(parse(source));
      expect(manifest[sent.sha256Hash]).toBe(sent.text);
    },
  );
});

describe('operationSource', () => {
  it.each(generated)('%s sends the manifest text and hash', async (name, document) => {
    const source = await operationSource(document);
    expect(source.operationName).toBe(name.replace(/Document$/, ''));
    expect(manifest[source.sha256Hash]).toBe(source.text);
  });

  it('hashes a document that codegen did not generate the same way', async () => {
    const document = parse('query Mine { agencies { name { en } code } }');
    const source = await operationSource(document);
    expect(source.text).toBe('query Mine { agencies { code name { en } } }');
    expect(source.sha256Hash).toBe(sha256(source.text));
  });

  it('refuses a document without a named operation', async () => {
    await expect(operationSource(parse('{ agencies { code } }'))).rejects.toThrow(
      'exactly one named operation',
    );
  });
});
