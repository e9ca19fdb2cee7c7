import { parseArgs } from 'node:util';
import { AGENCY_CODE } from '@sahem/kit';

/** How to call the conformance kit. */
export const CONFORMANCE_USAGE = `Usage: npm run conformance -- --url URL --agencies CODES [options]

Checks a programs instance from outside, over HTTP, as the gateway will use it.

  --url URL         the instance's GraphQL endpoint (https://programs.scd.example.sa/graphql)
  --agencies CODES  the agencies it holds, comma-separated (SCD, or HRSD,SRCA)
  --key FILE        the gateway's private caller-token JWK (GATEWAY_SIGNING_KEY_FILE); without
                    it the kit makes a key and serves its JWKS on 127.0.0.1 for the instance to
                    start with (SAHEM_GATEWAY_JWKS_URL, printed), then waits for the instance
  --jwks-port N     port of that JWKS (default: any free port)
  --wait SECONDS    how long to wait for the instance to answer             default 120
  --period YEAR     the year of the aggregates checked                    default this year
  --foreign CODE    an agency the instance must refuse       default one the registry has
  --create          create a program, a participation and an hour log when the instance
                    has none (they stay: use it on a test instance)
  -h, --help        show this help

Prints one line per check (PASS or FAIL) and exits with 1 when any check fails.`;

/** What `npm run conformance -- …` asked for. */
export interface ConformanceArgs {
  url: string;
  agencies: string[];
  key?: string;
  jwksPort: number;
  waitSeconds: number;
  period: string;
  foreign?: string;
  create: boolean;
  help: boolean;
}

/** Parses and checks the CLI arguments (a bare URL is taken as `--url`). */
export function parseConformanceArgs(argv: readonly string[]): ConformanceArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      agencies: { type: 'string' },
      key: { type: 'string' },
      'jwks-port': { type: 'string', default: '0' },
      wait: { type: 'string', default: '120' },
      period: { type: 'string', default: String(new Date().getUTCFullYear()) },
      foreign: { type: 'string' },
      create: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const base = {
    jwksPort: Number(values['jwks-port']),
    waitSeconds: Number(values.wait),
    period: values.period,
    create: values.create,
    help: values.help,
  };
  if (values.help) return { url: '', agencies: [], ...base };
  const url = values.url ?? positionals[0];
  if (!url || !/^https?:\/\//.test(url))
    throw new Error('--url must be the http(s) URL of the instance');
  const agencies = (values.agencies ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  if (agencies.length === 0 || !agencies.every((code) => AGENCY_CODE.test(code))) {
    throw new Error('--agencies must list the agency codes the instance holds (SCD or HRSD,SRCA)');
  }
  if (!/^\d{4}$/.test(base.period)) throw new Error('--period must be a year (2026)');
  if (!Number.isInteger(base.jwksPort) || base.jwksPort < 0 || base.jwksPort > 65535) {
    throw new Error('--jwks-port must be a port number');
  }
  if (!(base.waitSeconds >= 0)) throw new Error('--wait must be a number of seconds');
  if (values.foreign !== undefined && !AGENCY_CODE.test(values.foreign)) {
    throw new Error('--foreign must be an agency code');
  }
  return {
    url,
    agencies,
    ...(values.key && { key: values.key }),
    ...(values.foreign && { foreign: values.foreign }),
    ...base,
  };
}
