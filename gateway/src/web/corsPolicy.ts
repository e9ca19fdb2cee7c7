import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { allowsOrigin, type CorsOrigins } from './corsOrigins.ts';

/** Headers a browser page may send to the gateway across origins. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'x-request-id',
  // Apollo Client's CSRF-safe GET marker and its client awareness headers.
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/**
 * The gateway's CORS answers, by the `cors` middleware: a preflight (`OPTIONS`) from an allowed
 * origin is answered 204 with the methods and headers it may use (cached 10 minutes), and every
 * answer to an allowed origin names it in `Access-Control-Allow-Origin` (`Vary: Origin`).
 * Credentials are never allowed: callers authenticate with a bearer token in `Authorization`,
 * never with cookies, so no browser sends the gateway ambient credentials across origins.
 * A request from another origin gets no CORS headers, so the browser withholds the answer.
 *
 * CORS only decides what a browser lets a page read. Apollo Server's CSRF prevention stays on
 * for every request: a "simple" cross-origin request (a form post, `text/plain`) that needs no
 * preflight is refused before it runs.
 */
export function corsPolicy(allowed: CorsOrigins | undefined, production: boolean) {
  const middleware = cors({
    // `*` is answered as `*` (cacheable by any proxy); a list echoes the matching origin.
    origin:
      allowed === '*'
        ? '*'
        : (origin, callback) =>
            callback(null, origin !== undefined && allowsOrigin(origin, allowed, production)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  /** Sets the CORS headers; resolves `true` when it answered the request (a preflight). */
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve, reject) => {
      middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(false)));
      // A preflight is answered by the middleware itself, without calling next().
      if (res.writableEnded) resolve(true);
    });
}
