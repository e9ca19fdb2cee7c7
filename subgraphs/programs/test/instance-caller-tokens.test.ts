import path from 'node:path';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  CALLER_HEADER,
  callerAudience,
  callerTokenAuthenticator,
  createDatabase,
  generateSigningKey,
  readAgencyRegistry,
  requestDigest,
  signCallerToken,
  startSubgraph,
  type RunningSubgraph,
  type SigningKey,
} from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { acceptedAudiences, programsInstance } from '../src/agencies/programsInstance.ts';
import { PROGRAMS_DIR, programsSubgraph } from '../src/server.ts';

// The Red Crescent's instance as its index.ts runs it: over HTTP, verifying caller tokens.
const instance = programsInstance(readAgencyRegistry(undefined, {}), ['SRCA']);
let database: TestDatabase;
let key: SigningKey;
let running: RunningSubgraph<PrismaClient>;

beforeAll(async () => {
  database = await createTestDatabase(path.join(PROGRAMS_DIR, 'prisma', 'migrations'));
  // A row the registry no longer agrees with: the start rewrites it.
  const before = createDatabase(PrismaClient, { url: database.url });
  await before.prisma.agency.create({
    data: {
      code: 'SRCA',
      nameAr: 'قديم',
      nameEn: 'Old name',
      sector: 'Old',
      lastProgramNumber: 41,
    },
  });
  await before.close();
  key = await generateSigningKey('instance-test');
  running = await startSubgraph(
    programsSubgraph({
      authenticate: callerTokenAuthenticator(createLocalJWKSet({ keys: [key.publicJwk] }), {
        audience: acceptedAudiences(instance),
      }),
      production: false,
      instance,
    }),
    { port: 0, databaseUrl: database.url, embeddedPort: 0 },
  );
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

async function post(audience: string | null) {
  const body = JSON.stringify({ query: '{ agencies { code name { en } sector } }' });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (audience) {
    headers[CALLER_HEADER] = await signCallerToken(ANONYMOUS, key, {
      audience,
      digest: requestDigest(body),
    });
  }
  const response = await fetch(running.url, { method: 'POST', headers, body });
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as any,
  };
}

describe("an agency's instance", () => {
  it('writes its agencies from the registry at start, keeping their numbering', async () => {
    const { status, cacheControl, body } = await post(callerAudience('programs', 'SRCA'));
    expect(status).toBe(200);
    // An answer is for its caller: nothing between the instance and the gateway may keep it.
    expect(cacheControl).toBe('no-store');
    expect(body.data.agencies).toEqual([
      {
        code: 'SRCA',
        name: { en: 'Saudi Red Crescent Authority' },
        sector: 'Health and emergency',
      },
    ]);
    const [row] = await running.db.prisma.agency.findMany();
    expect(row!.lastProgramNumber).toBe(41);
  });

  it.each([
    ['another agency', callerAudience('programs', 'SCD')],
    ['a shared host holding it with others', callerAudience('programs', 'HRSD+SRCA')],
    ['the whole subgraph (a gateway without the registry)', callerAudience('programs')],
    ['another subgraph', callerAudience('volunteers')],
    ['no one: no token at all', null],
  ])('refuses a caller token meant for %s (401)', async (_, audience) => {
    const { status, cacheControl, body } = await post(audience);
    expect(status).toBe(401);
    expect(cacheControl).toBe('no-store');
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
