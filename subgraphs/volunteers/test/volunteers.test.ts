import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@sahem/kit';
import { createTestDatabase, expectGraphQLError, runOperation, type TestDatabase } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { createServer, VOLUNTEERS_DIR } from '../src/server.ts';
import path from 'node:path';

let database: TestDatabase;
let db: Database<PrismaClient>;
let server: ReturnType<typeof createServer>;

const run = async (query: string, variables?: Record<string, unknown>) =>
  runOperation(server.apollo, { query, variables }, await server.context());

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) {
      id fullName nationalIdMasked email phone weeklyAvailabilityHours kinds
      region { code name { en } } skills { code name { en ar } }
    }
  }
`;

const valid = {
  nationalId: '1000000008',
  fullName: 'Noura Al-Harbi',
  gender: 'FEMALE',
  birthYear: 1994,
  regionCode: 'SA-01',
  city: 'Riyadh',
  email: 'Noura@example.sa',
  phone: '0551234567',
  weeklyAvailabilityHours: 3,
  kinds: ['PRACTICAL', 'ADVISORY', 'PRACTICAL'],
  skillCodes: ['2221', '3258'],
};

beforeAll(async () => {
  database = await createTestDatabase(path.join(VOLUNTEERS_DIR, 'prisma', 'migrations'));
  db = createDatabase(PrismaClient, { url: database.url });
  server = createServer({ db, nationalIdSalt: 'test-salt', production: false });
  await server.apollo.start();
});

afterAll(async () => {
  await server?.apollo.stop();
  await db?.close();
  await database?.drop();
});

describe('registerVolunteer', () => {
  it('registers a valid volunteer and normalises the input', async () => {
    const result = await run(REGISTER, { input: valid });
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerVolunteer).toEqual({
      id: 'V-0000001',
      fullName: 'Noura Al-Harbi',
      nationalIdMasked: '******0008',
      email: 'noura@example.sa',
      phone: '+966551234567',
      weeklyAvailabilityHours: 3,
      kinds: ['PRACTICAL', 'ADVISORY'],
      region: { code: 'SA-01', name: { en: 'Riyadh' } },
      skills: [
        { code: '2221', name: { en: 'Nursing professionals', ar: 'اختصاصيو التمريض' } },
        { code: '3258', name: { en: 'Ambulance workers', ar: 'عاملو الإسعاف' } },
      ],
    });
  });

  it('never stores the raw national id', async () => {
    const rows = await db.pool.query('SELECT * FROM "Volunteer"');
    expect(JSON.stringify(rows.rows)).not.toContain('1000000008');
  });
});
