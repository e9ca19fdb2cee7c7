import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import { operationSource } from './operationSource.ts';
import { SahemGraphQLError } from './SahemGraphQLError.ts';
import { SahemHttpError } from './SahemHttpError.ts';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /**
   * Sent as `Authorization: Bearer <token>`. A function is called before every request, so a
   * client can refresh an expiring token.
   */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /**
   * Send only each operation's sha256 hash (`extensions.persistedQuery`), never its text: what a
   * gateway in `GATEWAY_PERSISTED_DOCUMENTS=enforce` mode expects from a shipped client.
   * @default false
   */
  persisted?: boolean;
  /** Extra headers on every request, such as `x-request-id`. */
  headers?: Record<string, string>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * The variables argument of {@link SahemClient.request}: required when the operation declares a
 * required variable, optional when it declares none or only optional ones.
 */
export type VariablesArgument<TVariables> =
  Record<never, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** A client of the Sahem gateway. */
export interface SahemClient {
  /**
   * Runs one operation and resolves with its `data`, typed by the document. Rejects with
   * {@link SahemGraphQLError} when the response has GraphQL errors and with
   * {@link SahemHttpError} when no GraphQL response arrived. The variables are inferred from
   * the document only (`NoInfer`), so a misspelt or extra variable is an error, not a widening.
   */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<NoInfer<TVariables>>
  ): Promise<TResult>;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/**
 * A small fetch-based client for the generated operations of `@sahem/client` (or any
 * `TypedDocumentNode`): one POST per operation, result and variables typed from the document.
 */
export function createClient(options: ClientOptions): SahemClient {
  const send = options.fetch ?? globalThis.fetch;
  return {
    async request<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      ...[variables]: VariablesArgument<NoInfer<TVariables>>
    ): Promise<TResult> {
      const { operationName, text, sha256Hash } = await operationSource(document);
      const body = options.persisted
        ? { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }
        : { operationName, query: text, variables };
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...options.headers,
            ...(token && { authorization: `Bearer ${token}` }),
          },
          body: JSON.stringify(body),
        });
      } catch (cause) {
        throw new SahemHttpError(
          `${operationName}: could not reach ${options.url} (${(cause as Error).message})`,
          operationName,
          null,
          '',
          { cause },
        );
      }
      const raw = await response.text();
      const payload = parseGraphQLResponse(raw);
      if (payload?.errors?.length) {
        throw new SahemGraphQLError(operationName, payload.errors, payload.data, response.status);
      }
      if (!response.ok || payload?.data == null) {
        throw new SahemHttpError(
          `${operationName}: HTTP ${response.status} without a GraphQL result`,
          operationName,
          response.status,
          raw,
        );
      }
      return payload.data as TResult;
    },
  };
}

/** The body as a GraphQL response, or `undefined` when it is not one (an HTML error page). */
function parseGraphQLResponse(raw: string): GraphQLResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { data, errors } = parsed as GraphQLResponse;
  if (errors !== undefined && !Array.isArray(errors)) return undefined;
  return { data, ...(errors && { errors }) };
}
