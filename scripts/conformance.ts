// `npm run conformance -- --url URL --agencies SCD [--key FILE]`: checks a programs instance from
// outside, as the gateway will use it, one line per check; exits with 1 when any fails.
import { readAgencyRegistry } from '@sahem/kit';
import { SHIPPED_AGENCIES_FILE } from '../subgraphs/programs/src/shippedRegistry.ts';
import { callerKeyOf } from './conformance/callerKeyOf.ts';
import { CONFORMANCE_USAGE, parseConformanceArgs } from './conformance/parseConformanceArgs.ts';
import { runConformance } from './conformance/runConformance.ts';
import { waitForInstance } from './conformance/waitForInstance.ts';

let args;
try {
  args = parseConformanceArgs(process.argv.slice(2));
} catch (error) {
  console.error(`conformance: ${(error as Error).message}\n\n${CONFORMANCE_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(CONFORMANCE_USAGE);
  process.exit(0);
}

// An agency the instance must refuse: one the registry has that it does not hold.
const registry = readAgencyRegistry(process.env.SAHEM_AGENCIES_FILE || SHIPPED_AGENCIES_FILE);
const foreign =
  args.foreign ??
  registry.agencies.map((agency) => agency.code).find((code) => !args.agencies.includes(code)) ??
  'ZZFOREIGN';

const key = await callerKeyOf(args.key, args.jwksPort);
let failed = 0;
try {
  if (key.jwksUrl) {
    console.log(`caller-token keys of this run: ${key.jwksUrl}`);
    console.log(`start the instance with SAHEM_GATEWAY_JWKS_URL=${key.jwksUrl}`);
  }
  console.log(`waiting for ${args.url} (up to ${args.waitSeconds} s)…`);
  await waitForInstance(args.url, args.waitSeconds);
  console.log(
    `checking ${args.url} as the instance of ${args.agencies.join(', ')} (foreign: ${foreign})`,
  );
  const results = await runConformance(
    {
      url: args.url,
      agencies: args.agencies,
      key: key.key,
      foreign,
      period: args.period,
      create: args.create,
    },
    (result) => console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name} — ${result.detail}`),
  );
  failed = results.filter((result) => !result.ok).length;
  console.log(
    failed === 0
      ? `all ${results.length} checks passed`
      : `${failed} of ${results.length} checks failed`,
  );
} catch (error) {
  console.error(`conformance: ${(error as Error).message}`);
  failed = 1;
} finally {
  await key.close();
}
process.exit(failed === 0 ? 0 : 1);
