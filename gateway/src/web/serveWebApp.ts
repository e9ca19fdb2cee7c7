import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/**
 * What a served page may load: its own origin only. No script, style, font, image or connection
 * from anywhere else, so the explorer and the dashboard work (and are seen to work) on a network
 * with no internet, and a compromised dependency cannot call out. Inline styles are allowed for
 * GraphiQL and ECharts, which set element styles; `blob:`/`data:` cover editor workers and fonts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Serves a built web app from `dir` under `prefix` (`/explorer/`): hashed assets cached for a
 * year, `index.html` revalidated on every load so a new build is picked up, every file with the
 * Content-Security-Policy above. Resolves `false` for paths that are not files of the build.
 */
export function serveWebApp(prefix: string, dir: string) {
  let handler: ReturnType<typeof sirv> | undefined;
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!existsSync(dir)) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${prefix} is not built: run npm run build:web (npm start builds it).`);
      return Promise.resolve(true);
    }
    // Created on first use: sirv lists the build's files once, so the build must exist by then.
    handler ??= sirv(dir, {
      etag: true,
      // The build wrote a .gz beside each text file (buildWebApps).
      gzip: true,
      setHeaders(res, pathname) {
        res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('referrer-policy', 'no-referrer');
        res.setHeader(
          'cache-control',
          pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const original = req.url!;
    // sirv serves paths relative to its folder.
    req.url = original.slice(prefix.length - 1);
    return new Promise((resolve) => {
      handler!(req, res, () => {
        req.url = original;
        resolve(false);
      });
      res.once('finish', () => resolve(true));
    });
  };
}
