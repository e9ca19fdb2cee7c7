// The containers' HEALTHCHECK: `node scripts/healthcheck.mjs <service> [path]` asks the
// service on this host for /health (or `path`) over its own port, HTTP or HTTPS as it is
// configured, and exits 0 when it answers 200. Plain JavaScript: the images have no tsx.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const PORTS = { gateway: 4000, volunteers: 4001, programs: 4002, indicators: 4003 };
const [service, path = '/health'] = process.argv.slice(2);
if (!(service in PORTS)) {
  console.error(`usage: healthcheck.mjs <${Object.keys(PORTS).join('|')}> [path]`);
  process.exit(2);
}
const prefix = service.toUpperCase();
const port = Number(process.env[`${prefix}_PORT`] || PORTS[service]);
const tls = Boolean(process.env[`${prefix}_TLS_CERT_FILE`]);
// The probe talks to this very process over loopback: the certificate names the service's
// public host, not 127.0.0.1, so it is not verified here (clients verify it).
const request = (tls ? httpsRequest : httpRequest)(
  { host: '127.0.0.1', port, path, timeout: 3_000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', (error) => {
  console.error(`${service} health check failed: ${error.message}`);
  process.exit(1);
});
request.end();
