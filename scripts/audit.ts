// `npm run audit -- --from 2026-11-01 --to 2026-11-30 [--subject V-0000001] [--limit 100] [--json]`:
// prints the gateway's audit trail, from GATEWAY_DATABASE_URL or the embedded server of npm start.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl, port, readEnv, text } from '@sahem/kit';
import { formatAuditTrail } from '../gateway/src/audit/formatAuditTrail.ts';
import { openAuditDatabase } from '../gateway/src/audit/openAuditDatabase.ts';
import { AUDIT_USAGE, parseAuditArgs, UsageError } from '../gateway/src/audit/parseAuditArgs.ts';
import { queryAuditTrail } from '../gateway/src/audit/queryAuditTrail.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const args = parseAuditArgs(process.argv.slice(2));
  if (args.help) {
    console.log(AUDIT_USAGE);
    return;
  }
  const env = readEnv({
    GATEWAY_DATABASE_URL: databaseUrl('PostgreSQL of the gateway; unset: embedded'),
    GATEWAY_PG_PORT: port(5436, 'port of the embedded PostgreSQL of the gateway'),
    SAHEM_DATA_DIR: text(path.join(ROOT, '.data'), 'folder of the embedded PostgreSQL data'),
  });
  const dataDir = path.join(env.SAHEM_DATA_DIR, 'gateway');
  // Reading must not initialise an empty cluster as a side effect.
  if (!env.GATEWAY_DATABASE_URL && !args.migrate && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
    console.error(`No audit trail in ${dataDir}: npm start has not run the gateway there yet.`);
    process.exitCode = 1;
    return;
  }
  const database = await openAuditDatabase({
    databaseUrl: env.GATEWAY_DATABASE_URL,
    dataRoot: env.SAHEM_DATA_DIR,
    embeddedPort: env.GATEWAY_PG_PORT,
    // In production the trail's readers may only SELECT; migrating is the owner's job (--migrate).
    migrate: args.migrate || !env.GATEWAY_DATABASE_URL,
    shareRunning: true,
    log: (line) => console.error(line),
  });
  try {
    if (args.migrate) {
      console.log('The gateway database is migrated.');
      return;
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const trail = await queryAuditTrail(client, args);
      console.log(args.json ? JSON.stringify(trail.entries, null, 2) : formatAuditTrail(trail));
      if (args.json && trail.entries.length < trail.total) {
        console.error(`${trail.entries.length} of ${trail.total} records; raise --limit for more`);
      }
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${AUDIT_USAGE}`);
    process.exitCode = 2;
  } else {
    const missing = (error as { code?: string }).code === '42P01';
    console.error(
      missing
        ? 'The gateway database has no audit trail yet: run the gateway against it first.'
        : `npm run audit failed: ${(error as Error).message}`,
    );
    process.exitCode = 1;
  }
}
