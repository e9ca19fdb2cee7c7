import path from 'node:path';
import {
  callerAudience,
  callerTokenAuthenticator,
  flag,
  listenOptions,
  readAgencyRegistry,
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
import { resilienceFromEnv } from '../gateway/src/resilience/resilienceVariables.ts';
import { startGateway, type RunningGateway } from '../gateway/src/startGateway.ts';
import { buildWebApps } from '../gateway/src/web/buildWebApps.ts';
import { indicatorsEnv } from '../subgraphs/indicators/src/env.ts';
import { indicatorsSubgraph } from '../subgraphs/indicators/src/server.ts';
import { programsEnv } from '../subgraphs/programs/src/env.ts';
import { volunteersEnv } from '../subgraphs/volunteers/src/env.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/src/server.ts';
import { startCellSyncs } from './programs/startCellSyncs.ts';
import { startProgramsInstances } from './programs/startProgramsInstances.ts';
import { seedIndicators } from './seed/seedIndicators.ts';
import { seedVolunteers } from './seed/seedVolunteers.ts';

// `npm start`: the whole national graph in one process for development. Each subgraph gets its
// own embedded PostgreSQL (unless its *_DATABASE_URL is set), is migrated and, when empty,
// seeded; the programs subgraph runs one instance per URL of the agency registry (one per
// agency as shipped), each on its own database of one embedded server, seeded with its own
// agencies' records. Then the gateway starts in front of them. Ctrl-C stops everything.
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
// The registry, with AGENCY_<CODE>_URL overrides: which programs instances run, and where.
const registry = readAgencyRegistry(programs.SAHEM_AGENCIES_FILE);
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
        host: volunteers.VOLUNTEERS_HOST,
        databaseUrl: volunteers.VOLUNTEERS_DATABASE_URL,
        embeddedPort: volunteers.VOLUNTEERS_PG_PORT,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        seed: startEnv.SAHEM_SEED,
        log,
      },
    ),
    // One programs instance per URL of the registry, each verifying tokens meant for it.
    startProgramsInstances({
      registry,
      callerKeys: identity.callerKeys,
      databaseUrl: programs.PROGRAMS_DATABASE_URL,
      dataRoot: startEnv.SAHEM_DATA_DIR,
      embeddedPort: programs.PROGRAMS_PG_PORT,
      host: programs.PROGRAMS_HOST,
      sketchKey: programs.PROGRAMS_SKETCH_KEY,
      production: programs.SAHEM_PRODUCTION,
      seedScale: startEnv.SAHEM_SEED ? scale : undefined,
      log,
    }),
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
        host: indicators.INDICATORS_HOST,
        databaseUrl: indicators.INDICATORS_DATABASE_URL,
        embeddedPort: indicators.INDICATORS_PG_PORT,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        seed: startEnv.SAHEM_SEED,
        log,
      },
    ),
  ]);
  const [volunteersSettled, programsSettled, indicatorsSettled] = settled;
  const subgraphs: RunningSubgraph<unknown>[] = [];
  for (const result of [volunteersSettled, indicatorsSettled])
    if (result.status === 'fulfilled') subgraphs.push(result.value);
  running.push(...subgraphs);
  const programsInstances =
    programsSettled.status === 'fulfilled' ? programsSettled.value : undefined;
  if (programsInstances) running.push({ name: 'programs', stop: programsInstances.stop });
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const single = programsInstances!.instances.length === 1;
  const subgraphUrls = {
    ...gateway.subgraphUrls,
    ...Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
    // One instance holding every agency: the gateway reaches it as the programs subgraph.
    ...(single && { programs: programsInstances!.instances[0]!.url }),
  };
  // The gateway's own database (the audit trail): stopped after the gateway, which writes its
  // last records as it stops.
  const audited = gateway.GATEWAY_AUDIT === 'on';
  const auditDatabase = audited
    ? await openAuditDatabase({
        databaseUrl: gateway.GATEWAY_DATABASE_URL,
        dataRoot: startEnv.SAHEM_DATA_DIR,
        embeddedPort: gateway.GATEWAY_PG_PORT,
        migrate: gateway.GATEWAY_DATABASE_MIGRATE,
        log,
      })
    : undefined;
  if (auditDatabase) running.push({ name: 'gateway database', stop: () => auditDatabase.stop() });
  else log('gateway: GATEWAY_AUDIT=off: operations are NOT recorded in an audit trail');
  // The explorer and the dashboard are bundles: built now when missing or stale.
  if (gateway.GATEWAY_EXPLORER || gateway.GATEWAY_DASHBOARD) await buildWebApps({ log });
  const issuer = { issuer: gateway.GATEWAY_JWT_ISSUER, audience: gateway.GATEWAY_JWT_AUDIENCE };
  const devIssuerKey = identity.devIssuerKey;
  const gatewayRunning: RunningGateway = await startGateway(
    {
      verifyBearer: identity.verifyBearer,
      callerKeys: identity.callerKeys,
      rejectUnauthorized: gateway.GATEWAY_REJECT_UNAUTHORIZED,
      supergraphPath: gateway.GATEWAY_SUPERGRAPH_PATH,
      subgraphUrls,
      subgraphTimeoutMs: gateway.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      subgraphTimeoutsMs: gateway.GATEWAY_SUBGRAPH_TIMEOUTS,
      subgraphOwners: gateway.GATEWAY_SUBGRAPH_OWNERS,
      resilience: resilienceFromEnv(gateway),
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
      ...(auditDatabase && {
        audit: createAuditLog({ databaseUrl: auditDatabase.url, stopTimeoutMs: 2_000 }),
      }),
      limits: limitsFromEnv(gateway),
      // One gateway process here (GATEWAY_WORKERS is for `gateway/src/index.ts`).
      dedup: gateway.GATEWAY_DEDUP,
      responseCache: {
        ttlMs: gateway.GATEWAY_RESPONSE_CACHE_TTL_MS,
        maxEntries: gateway.GATEWAY_RESPONSE_CACHE_MAX_ENTRIES,
        maxBytes: gateway.GATEWAY_RESPONSE_CACHE_MAX_BYTES,
      },
      // The programs subgraph is routed to the agencies' instances, at the URLs they listen on.
      agencies: programsInstances!.registry,
      web: {
        corsOrigins: gateway.GATEWAY_CORS_ORIGINS,
        explorer: gateway.GATEWAY_EXPLORER,
        dashboard: gateway.GATEWAY_DASHBOARD,
        // The explorer's picker and the dashboard sign in with the demo identities.
        ...(devIssuerKey && {
          demoTokens: () =>
            Promise.all(
              DEMO_IDENTITIES.map(async (demo) => ({
                label: `${demo.role} ${demo.agency ?? demo.subject}`,
                role: demo.role,
                token: await signDemoToken(demo, devIssuerKey, issuer),
              })),
            ),
        }),
      },
    },
    await listenOptions(gateway, 'GATEWAY'),
  );
  running.push({ name: 'gateway', stop: () => gatewayRunning.stop() });
  // Each agency's instance copies its participants' gender and birth year through the gateway
  // (README, "Participant cells"); stopped before the gateway and the instances.
  if (devIssuerKey) {
    const cellSyncs = await startCellSyncs({
      instances: programsInstances!.instances,
      gatewayUrl: gatewayRunning.url,
      issuerKey: devIssuerKey,
      issuer,
      keysDir: path.join(startEnv.SAHEM_DATA_DIR, 'keys'),
      intervalMs: programs.PROGRAMS_CELL_SYNC_INTERVAL_MS,
      log,
    });
    running.push({ name: 'cell sync', stop: () => cellSyncs.stop() });
  }
  if (devIssuerKey) {
    const lines = await Promise.all(
      DEMO_IDENTITIES.map(async (demo) => {
        const token = await signDemoToken(demo, devIssuerKey, issuer);
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
  gateway     ${gatewayRunning.url}   (${base}/health, ${base}/ready)
${gateway.GATEWAY_EXPLORER ? `  explorer    ${base}/explorer/   (GraphiQL, offline, with the scenarios and a demo-token picker)\n` : ''}${gateway.GATEWAY_DASHBOARD ? `  dashboard   ${base}/dashboard/   (KPI dashboard, Arabic and English)\n` : ''}${[
    `  volunteers  ${subgraphs[0]!.url}`,
    ...programsInstances!.instances.map(
      (instance) =>
        `  programs    ${instance.url}   (${single ? 'every agency' : `instance ${instance.instance}`})`,
    ),
    `  indicators  ${subgraphs[1]!.url}`,
  ].join('\n')}
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  await stopAll(1);
}
