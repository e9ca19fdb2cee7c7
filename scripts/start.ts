import path from 'node:path';
import {
  callerAudience,
  callerTokenAuthenticator,
  flag,
  readEnv,
  startSubgraph,
  text,
  type RunningSubgraph,
} from '@sahem/kit';
import { createAuditLog } from '../gateway/src/audit/createAuditLog.ts';
import { openAuditDatabase } from '../gateway/src/audit/openAuditDatabase.ts';
import { DEMO_IDENTITIES, signDemoToken } from '../gateway/src/auth/demoTokens.ts';
import { loadIdentity } from '../gateway/src/auth/loadIdentity.ts';
import { gatewayEnv } from '../gateway/src/env.ts';
import { limitsFromEnv } from '../gateway/src/limits/limitsFromEnv.ts';
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
// Keys live with the rest of the local data unless configured elsewhere.
const gateway = gatewayEnv({
  GATEWAY_SIGNING_KEY_FILE: path.join(startEnv.SAHEM_DATA_DIR, 'keys', 'gateway.jwk.json'),
  GATEWAY_DEV_ISSUER_KEY_FILE: path.join(startEnv.SAHEM_DATA_DIR, 'keys', 'dev-issuer.jwk.json'),
  ...process.env,
});
const volunteers = volunteersEnv();
const programs = programsEnv();
const indicators = indicatorsEnv();
const scale = Number(startEnv.SAHEM_SEED_SCALE);
const log = (line: string) => console.log(line);

const running: { name: string; stop(): Promise<void> }[] = [];
let stopping = false;
async function stopAll(exitCode: number): Promise<void> {
  // A terminal's Ctrl-C may arrive twice (directly and relayed by a wrapper), and impatient
  // users press it again: a second signal while stopping must not cut the first round short.
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
  const identity = await loadIdentity(gateway);
  // In one process the subgraphs take the gateway's live key set directly (no JWKS fetch);
  // each checks that tokens are meant for it.
  const authenticate = (name: string) =>
    callerTokenAuthenticator(identity.callerKeys, { audience: callerAudience(name) });
  // The subgraphs start side by side (a database each to initialise, migrate and seed).
  const settled = await Promise.allSettled([
    startSubgraph(
      volunteersSubgraph({
        authenticate: authenticate('volunteers'),
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
        authenticate: authenticate('programs'),
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
        authenticate: authenticate('indicators'),
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
  // The gateway's own database (the audit trail): stopped after the gateway, which writes its
  // last records as it stops.
  const auditDatabase = await openAuditDatabase({
    databaseUrl: gateway.GATEWAY_DATABASE_URL,
    dataRoot: startEnv.SAHEM_DATA_DIR,
    embeddedPort: gateway.GATEWAY_PG_PORT,
    migrate: gateway.GATEWAY_DATABASE_MIGRATE,
    log,
  });
  running.push({ name: 'gateway database', stop: () => auditDatabase.stop() });
  const gatewayRunning: RunningGateway = await startGateway(
    {
      verifyBearer: identity.verifyBearer,
      callerKeys: identity.callerKeys,
      rejectUnauthorized: gateway.GATEWAY_REJECT_UNAUTHORIZED,
      supergraphPath: gateway.GATEWAY_SUPERGRAPH_PATH,
      subgraphUrls,
      subgraphTimeoutMs: gateway.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      requestTimeoutMs: gateway.GATEWAY_REQUEST_TIMEOUT_MS,
      deadlineMarginMs: gateway.GATEWAY_DEADLINE_MARGIN_MS,
      production: gateway.SAHEM_PRODUCTION,
      log,
      persistedDocuments: {
        mode: gateway.GATEWAY_PERSISTED_DOCUMENTS,
        manifestPath: gateway.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST,
      },
      // A terminal's Ctrl-C also reaches the embedded PostgreSQL (same process group), which
      // then refuses the last batch at once: give up quickly and log it rather than hang.
      audit: createAuditLog({ databaseUrl: auditDatabase.url, stopTimeoutMs: 2_000 }),
      limits: limitsFromEnv(gateway),
    },
    { port: gateway.GATEWAY_PORT, host: gateway.GATEWAY_HOST },
  );
  running.push({ name: 'gateway', stop: () => gatewayRunning.stop() });
  if (identity.devIssuerKey) {
    const issuer = { issuer: gateway.GATEWAY_JWT_ISSUER, audience: gateway.GATEWAY_JWT_AUDIENCE };
    const lines = await Promise.all(
      DEMO_IDENTITIES.map(async (demo) => {
        const token = await signDemoToken(demo, identity.devIssuerKey!, issuer);
        const who = `${demo.role} ${demo.agency ?? demo.subject}`;
        return `  ${who.padEnd(26)} ${token}`;
      }),
    );
    console.log(
      `Demo tokens of the development identity provider (valid 12 h), as "Authorization: Bearer <token>":\n${lines.join('\n')}\n`,
    );
  }
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
