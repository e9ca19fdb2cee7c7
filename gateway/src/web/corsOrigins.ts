import type { EnvVar } from '@sahem/kit';

/**
 * Which web origins may call the gateway from a browser (`GATEWAY_CORS_ORIGINS`): a list of
 * exact origins, or `*` for any. The gateway's own origin (the explorer and the dashboard it
 * serves) needs no entry: a page calling its own origin is not a cross-origin request.
 */
export type CorsOrigins = '*' | readonly string[];

/**
 * Origins allowed when `GATEWAY_CORS_ORIGINS` is unset: in development any page served from this
 * machine (`http://localhost:<port>`, `http://127.0.0.1:<port>`, `http://[::1]:<port>`), so a
 * frontend's dev server works out of the box; in production none.
 */
export const DEVELOPMENT_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * `GATEWAY_CORS_ORIGINS`: `*`, or origins separated by commas (`https://analytics.example.sa,
 * https://app.example.sa`), each a scheme, a host and an optional port, without a path. Unset:
 * `undefined`, resolved by {@link allowsOrigin} by the development/production default.
 */
export function corsOrigins(description: string): EnvVar<CorsOrigins | undefined> {
  return {
    description,
    default: undefined,
    parse(raw) {
      if (raw.trim() === '*') return '*';
      const origins = raw
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      for (const origin of origins) {
        let parsed: URL;
        try {
          parsed = new URL(origin);
        } catch {
          throw new Error(`"${origin}" is not an origin such as https://app.example.sa`);
        }
        if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
          throw new Error(
            `"${origin}" is not an origin: write the scheme, host and port only, as ${parsed.origin}`,
          );
        }
      }
      return origins;
    },
  };
}

/** Whether a browser page of `origin` may call the gateway. */
export function allowsOrigin(
  origin: string,
  allowed: CorsOrigins | undefined,
  production: boolean,
): boolean {
  if (allowed === '*') return true;
  if (allowed === undefined) return !production && DEVELOPMENT_ORIGIN.test(origin);
  return allowed.includes(origin);
}
