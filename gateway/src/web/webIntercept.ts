import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHQL_PATH, sendJson } from '@sahem/kit';
import type { CorsOrigins } from './corsOrigins.ts';
import { corsPolicy } from './corsPolicy.ts';
import { serveWebApp } from './serveWebApp.ts';
import { WEB_APPS } from './webApps.ts';

/** A demo token the explorer's picker and the dashboard offer in development. */
export interface DemoToken {
  label: string;
  role: string;
  token: string;
}

/** Options of {@link webIntercept}. */
export interface WebOptions {
  production: boolean;
  /** `GATEWAY_CORS_ORIGINS`; unset: the development or production default. */
  corsOrigins?: CorsOrigins | undefined;
  /** Serve the GraphiQL explorer at `/explorer/`. */
  explorer: boolean;
  /** Serve the KPI dashboard at `/dashboard/`. */
  dashboard: boolean;
  /** Development only: tokens of the development identity provider, one per demo role. */
  demoTokens?: (() => Promise<DemoToken[]>) | undefined;
  /** Build folders by app name. @default the `dist/` folders of `WEB_APPS` */
  outDirs?: Partial<Record<'explorer' | 'dashboard', string>>;
}

/**
 * The gateway's browser face, ahead of GraphQL: CORS on `/graphql` (a refused preflight is a 403,
 * not Apollo's 400), the explorer and the dashboard as static files with their `config.json`, and
 * redirects so that a browser opening `/` or `/graphql` lands on a page. Resolves `true` when it
 * answered the request.
 */
export function webIntercept(options: WebOptions) {
  const cors = corsPolicy(options.corsOrigins, options.production);
  const apps = WEB_APPS.filter((app) => options[app.name]).map((app) => ({
    prefix: `/${app.name}/`,
    serve: serveWebApp(`/${app.name}/`, options.outDirs?.[app.name] ?? app.outDir),
    config: async () => {
      const tokens = options.production ? undefined : await options.demoTokens?.();
      return { endpoint: GRAPHQL_PATH, ...(tokens && { demoTokens: tokens }) };
    },
  }));
  const landing = apps.find((app) => app.prefix === '/dashboard/') ?? apps[0];
  const explorer = apps.find((app) => app.prefix === '/explorer/');

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === GRAPHQL_PATH) {
      if (await cors(req, res)) return true;
      if (req.method === 'OPTIONS') {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('This origin may not call the gateway: add it to GATEWAY_CORS_ORIGINS.');
        return true;
      }
      // A person opening the endpoint in a browser gets the explorer (Apollo's landing page,
      // which loads from a CDN, is off).
      if (explorer && req.method === 'GET' && url.search === '' && prefersHtml(req)) {
        return redirect(res, explorer.prefix);
      }
      return false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/' && landing) return redirect(res, landing.prefix);
    for (const app of apps) {
      if (url.pathname === app.prefix.slice(0, -1)) return redirect(res, app.prefix);
      if (!url.pathname.startsWith(app.prefix)) continue;
      if (url.pathname === `${app.prefix}config.json`) {
        res.setHeader('cache-control', 'no-store');
        sendJson(res, 200, await app.config());
        return true;
      }
      return app.serve(req, res);
    }
    return false;
  };
}

function prefersHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(302, { location }).end();
  return true;
}
