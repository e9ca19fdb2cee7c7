// Bench only: one subgraph (or one agency's programs instance) as a process of its own, so its
// CPU time can be read from /proc apart from the gateway's. It serves the subgraph exactly as
// `subgraphs/<name>/src/index.ts` does (production error masking, migrations checked at start),
// except for who it answers: see `benchAuthenticator` (caller tokens verified when present, a
// fixed platform admin otherwise, so that gateways that cannot mint them can be measured too).
import { createServer } from 'node:http';
import path from 'node:path';
import { createLocalJWKSet, type JWK } from 'jose';
import {
  callerTokenAuthenticator,
  createLogger,
  readAgencyRegistry,
  startSubgraph,
  startTracing,
} from '@sahem/kit';
import { programsInstance } from '../../subgraphs/programs/src/agencies/programsInstance.ts';
import { indicatorsSubgraph } from '../../subgraphs/indicators/src/server.ts';
import { programsSubgraph } from '../../subgraphs/programs/src/server.ts';
import { volunteersSubgraph } from '../../subgraphs/volunteers/src/server.ts';
import { benchAuthenticator } from './benchAuthenticator.ts';

/** What the bench tells each subgraph process, all in the environment. */
export interface SubgraphProcessEnv {
  /** `volunteers`, `programs` or `indicators`. */
  BENCH_SUBGRAPH: string;
  /** What its log lines and the report call it: `programs:SCD`. */
  BENCH_LABEL: string;
  BENCH_PORT: string;
  BENCH_DATABASE_URL: string;
  /** The caller-token audience of this process (`sahem-subgraph:programs:SCD`). */
  BENCH_AUDIENCE: string;
  /** JSON array of the gateway's public caller-token keys. */
  BENCH_CALLER_JWKS: string;
  /** The volunteers subgraph's national-id salt (as the seed used). */
  BENCH_NATIONAL_ID_SALT: string;
  /**
   * The programs subgraph only: the agencies this instance holds (`SCD`), as PROGRAMS_AGENCIES
   * tells a production instance; unset, it holds every agency of the registry.
   */
  BENCH_PROGRAMS_AGENCIES?: string;
  /** Port of `GET /stats` (`{ "statements": n }`), where the bench reads the SQL statements sent. */
  BENCH_STATS_PORT: string;
}

const env = process.env as Partial<SubgraphProcessEnv>;
const required = (name: keyof SubgraphProcessEnv): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const label = required('BENCH_LABEL');
// As `src/index.ts` starts them: tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (`--tracing on`),
// metrics unless SAHEM_METRICS=false (`--metrics off`), the request log at SAHEM_LOG_LEVEL.
const tracing = startTracing({ serviceName: label });
const authenticate = benchAuthenticator(
  callerTokenAuthenticator(
    createLocalJWKSet({ keys: JSON.parse(required('BENCH_CALLER_JWKS')) as JWK[] }),
    { audience: required('BENCH_AUDIENCE') },
  ),
);
const run = {
  port: Number(required('BENCH_PORT')),
  host: '127.0.0.1',
  databaseUrl: required('BENCH_DATABASE_URL'),
  embeddedPort: 0,
  log: (line: string) => console.log(`${label}: ${line}`),
  metrics: process.env.SAHEM_METRICS !== 'false',
  logger: createLogger({ service: label }),
};
const starts = {
  volunteers: () =>
    startSubgraph(
      volunteersSubgraph({
        authenticate,
        nationalIdSalt: required('BENCH_NATIONAL_ID_SALT'),
        production: true,
      }),
      run,
    ),
  // An instance of the registry's agencies, as `subgraphs/programs/src/index.ts` makes it: the
  // gateway checks that each instance holds the agencies the registry routes to it.
  programs: () =>
    startSubgraph(
      programsSubgraph({
        authenticate,
        production: true,
        instance: programsInstance(
          // The shipped registry; the bench starts its processes in the repository's root.
          readAgencyRegistry(path.join(process.cwd(), 'schema', 'agencies.json'), {}),
          env.BENCH_PROGRAMS_AGENCIES?.split(','),
        ),
      }),
      run,
    ),
  indicators: () => startSubgraph(indicatorsSubgraph({ authenticate, production: true }), run),
};
const start = starts[required('BENCH_SUBGRAPH') as keyof typeof starts];
if (!start) throw new Error(`BENCH_SUBGRAPH must be one of ${Object.keys(starts).join(', ')}`);
const running = await start();
// Measured warm, as an instance that has served a while is, its sketch cache filled at start:
// the bench waits for the statistics port, which opens after.
await running.warmed;
// Apart from the subgraph's own port, so that reading the count is no GraphQL request.
const stats = createServer((_, res) => {
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ statements: running.db.statements.total }));
});
await new Promise<void>((resolve) =>
  stats.listen(Number(required('BENCH_STATS_PORT')), '127.0.0.1', resolve),
);
console.log(`${label} at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stats.close();
    void running
      .stop()
      .finally(() => tracing.shutdown())
      .finally(() => process.exit(0));
  });
}
