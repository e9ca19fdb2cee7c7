import path from 'node:path';
import { flag, readEnv, startSubgraph, text, type RunningSubgraph } from '@sahem/kit';
import { gatewayEnv } from '../gateway/src/env.ts';
import { startGateway, type RunningGateway } from '../gateway/src/startGateway.ts';
import { indicatorsEnv } from '../subgraphs/indicators/src/env.ts';
import { indicatorsSubgraph } from '../subgraphs/indicators/src/server.ts';
import { programsEnv } from '../subgraphs/programs/src/env.ts';
import { programsSubgraph } from '../subgraphs/programs/src/server.ts';
import { volunteersEnv } from '../subgraphs/volunteers/src/env.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/src/server.ts';
import { seedIndicators } from './seed/seedIndicators.ts';
import { seedPrograms } from './seed/seedPrograms.ts';
import { seedVolunteers } from './seed/seedVolunteers.ts';

// `npm start`: the whole national graph in one process for development. Each subgraph gets its
// own embedded PostgreSQL (unless its *_DATABASE_URL is set), is migrated and, when empty,
// seeded; then the gateway starts in front of them. Ctrl-C stops everything it started.
const started = Date.now();
const root = path.resolve(import.meta.dirname, '..');
const startEnv = readEnv({
  SAHEM_DATA_DIR: text(path.join(root, '.data'), 'folder of the embedded PostgreSQL data'),
  SAHEM_SEED: flag(true, 'seed empty databases with the deterministic demo data'),
  SAHEM_SEED_SCALE: text('1', 'seed size: 1 = 5,000 volunteers'),
});
const gateway = gatewayEnv();
const volunteers = volunteersEnv();
const programs = programsEnv();
const indicators = indicatorsEnv();
const scale = Number(startEnv.SAHEM_SEED_SCALE);
const log = (line: string) => console.log(line);

const running: { name: string; stop(): Promise<void> }[] = [];
let stopping = false;
async function stopAll(exitCode: number): Promise<void> {
  // tsx relays the terminal's SIGINT to this process, which also got it from the terminal:
  // a second signal while stopping must not cut the first round short.
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  // Reverse order: the gateway first, so no request reaches a subgraph that is going away.
  for (const service of running.reverse()) {
    await service.stop().catch((error) => console.error(error));
    console.log(`  ${service.name} stopped`);
  }
  console.log('stopped');
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stopAll(0));
}

try {
  // The subgraphs start side by side (a database each to initialise, migrate and seed).
  const settled = await Promise.allSettled([
    startSubgraph(
      volunteersSubgraph({
        nationalIdSalt: volunteers.VOLUNTEERS_NATIONAL_ID_SALT,
        production: volunteers.SAHEM_PRODUCTION,
        seed: (db) =>
          seedVolunteers(db, {
            scale,
            nationalIdSalt: volunteers.VOLUNTEERS_NATIONAL_ID_SALT,
          }).then(
            (report) => report.seeded && log(`volunteers: seeded ${JSON.stringify(report.rows)}`),
          ),
      }),
      {
        port: volunteers.VOLUNTEERS_PORT,
        databaseUrl: volunteers.VOLUNTEERS_DATABASE_URL,
        embeddedPort: volunteers.VOLUNTEERS_PG_PORT,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        seed: startEnv.SAHEM_SEED,
        log,
      },
    ),
    startSubgraph(
      programsSubgraph({
        production: programs.SAHEM_PRODUCTION,
        seed: (db) =>
          seedPrograms(db, { scale }).then(
            (report) => report.seeded && log(`programs: seeded ${JSON.stringify(report.rows)}`),
          ),
      }),
      {
        port: programs.PROGRAMS_PORT,
        databaseUrl: programs.PROGRAMS_DATABASE_URL,
        embeddedPort: programs.PROGRAMS_PG_PORT,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        seed: startEnv.SAHEM_SEED,
        log,
      },
    ),
    startSubgraph(
      indicatorsSubgraph({
        production: indicators.SAHEM_PRODUCTION,
        seed: (db) =>
          seedIndicators(db, { scale }).then(
            (report) => report.seeded && log(`indicators: seeded ${JSON.stringify(report.rows)}`),
          ),
      }),
      {
        port: indicators.INDICATORS_PORT,
        databaseUrl: indicators.INDICATORS_DATABASE_URL,
        embeddedPort: indicators.INDICATORS_PG_PORT,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        seed: startEnv.SAHEM_SEED,
        log,
      },
    ),
  ]);
  const subgraphs: RunningSubgraph<unknown>[] = [];
  for (const result of settled) if (result.status === 'fulfilled') subgraphs.push(result.value);
  running.push(...subgraphs);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const subgraphUrls = {
    ...gateway.subgraphUrls,
    ...Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
  };
  const gatewayRunning: RunningGateway = await startGateway(
    {
      supergraphPath: gateway.GATEWAY_SUPERGRAPH_PATH,
      subgraphUrls,
      subgraphTimeoutMs: gateway.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      production: gateway.SAHEM_PRODUCTION,
      log,
    },
    { port: gateway.GATEWAY_PORT, host: gateway.GATEWAY_HOST },
  );
  running.push({ name: 'gateway', stop: () => gatewayRunning.stop() });
  const base = gatewayRunning.http.url;
  console.log(`
Sahem is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s)
  gateway     ${gatewayRunning.url}   (Sandbox in a browser; ${base}/health, ${base}/ready)
${subgraphs.map((subgraph) => `  ${subgraph.name.padEnd(11)} ${subgraph.url}`).join('\n')}
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  await stopAll(1);
}
