import {
  createLogger,
  callerTokenAuthenticator,
  listenOptions,
  startSubgraph,
  startTracing,
  stopOnSignals,
} from '@sahem/kit';
import { readServiceTokens } from './cells/readServiceTokens.ts';
import { startCellSync } from './cells/startCellSync.ts';
import { syncParticipantCells } from './cells/syncParticipantCells.ts';
import { programsEnv, programsInstanceSettings } from './env.ts';
import { programsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM. One
// process is one agency instance (PROGRAMS_AGENCIES), verifying caller tokens meant for it.
const env = programsEnv();
const { instance, audiences, sketchKey, cellSync } = programsInstanceSettings(env);
// First, so everything after it is traced when OTEL_* configures an exporter.
const tracing = startTracing({ serviceName: 'programs' });
const running = await startSubgraph(
  programsSubgraph({
    authenticate: callerTokenAuthenticator(new URL(env.SAHEM_GATEWAY_JWKS_URL!), {
      audience: audiences,
    }),
    production: env.SAHEM_PRODUCTION,
    instance,
    sketchKey,
    sketchCacheBytes: env.PROGRAMS_SKETCH_CACHE_BYTES,
    warmSketches: env.PROGRAMS_SKETCH_WARMUP,
    smallCellThreshold: env.SAHEM_SMALL_CELL_THRESHOLD,
  }),
  {
    ...(await listenOptions(env, 'PROGRAMS')),
    databaseUrl: env.PROGRAMS_DATABASE_URL,
    embeddedPort: env.PROGRAMS_PG_PORT,
    dataRoot: env.SAHEM_DATA_DIR,
    readyTimeoutMs: env.SAHEM_READY_TIMEOUT_MS,
    metrics: env.SAHEM_METRICS,
    logger: createLogger({ service: 'programs', level: env.SAHEM_LOG_LEVEL }),
    log: console.log,
  },
);
console.log(`programs subgraph (instance ${instance.name}) at ${running.url}`);
// The register's gender and birth year of this instance's participants, read through the
// gateway as the agency (README, "Participant cells"); the gateway may still be starting.
const cells =
  cellSync &&
  startCellSync({
    run: () =>
      syncParticipantCells({
        gatewayUrl: cellSync.gatewayUrl,
        tokens: () => readServiceTokens(cellSync.tokenFile),
        prisma: running.db.prisma,
        agencies: instance.codes,
      }),
    intervalMs: cellSync.intervalMs,
    log: (line) => console.log(`programs ${instance.name}: ${line}`),
  });
// The sync first: a run in progress writes to the database the subgraph's stop closes.
const stopAll = async (shutdown: Parameters<typeof running.stop>[0]) => {
  await cells?.stop();
  await running.stop(shutdown);
};
stopOnSignals((shutdown) => stopAll(shutdown).finally(() => tracing.shutdown()), {
  drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
  timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
});
