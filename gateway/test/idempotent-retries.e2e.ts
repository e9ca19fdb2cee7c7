import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../subgraphs/volunteers/src/nationalId.ts';
import type { DemoIdentity } from '../src/auth/demoTokens.ts';
import { loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

let graph: Graph;

beforeAll(async () => {
  graph = await startGraph({ audit: false, now: () => new Date('2026-06-15T12:00:00Z') });
  await loadFixture(graph);
});
afterAll(async () => {
  await graph?.stop();
});

const SCD: DemoIdentity = { role: 'agency_officer', subject: 'scd-desk-1', agency: 'SCD' };
const V2: DemoIdentity = { role: 'volunteer', subject: 'V-0000002' };
const V1: DemoIdentity = { role: 'volunteer', subject: 'V-0000001' };

async function as(identity: DemoIdentity, query: string, variables: Record<string, unknown>) {
  return graph.query(query, variables, { authorization: `Bearer ${await graph.token(identity)}` });
}

/** The same request sent `n` times at once, as a client retrying over a flaky network does. */
function inParallel<T>(n: number, send: () => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, send));
}

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) {
      id
    }
  }
`;
const registration = (email: string, nationalId: string, idempotencyKey?: string) => ({
  input: {
    nationalId,
    fullName: 'ريم العنزي',
    gender: 'FEMALE',
    birthYear: 1995,
    regionCode: 'SA-01',
    city: 'Riyadh',
    email,
    weeklyAvailabilityHours: 3,
    kinds: ['PRACTICAL'],
    skillCodes: ['2221'],
    ...(idempotencyKey && { idempotencyKey }),
  },
});

describe('a write retried with the same idempotency key', () => {
  it('registers one volunteer for 20 parallel attempts, and each gets that volunteer', async () => {
    const key = 'a4f7c2de-0b1e-4a55-9a1f-3c2d1e0f9b11';
    const answers = await inParallel(20, () =>
      as(SCD, REGISTER, registration('retry@example.sa', withCheckDigit('198765002'), key)),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array(20).fill(undefined));
    const ids = new Set(answers.map((answer) => answer.data.registerVolunteer.id));
    expect(ids.size).toBe(1);
    expect(
      await graph.volunteers.db.prisma.volunteer.count({ where: { email: 'retry@example.sa' } }),
    ).toBe(1);
  });

  it('refuses the same key with other input, naming the key', async () => {
    const key = 'key-reused-1';
    const first = await as(
      SCD,
      REGISTER,
      registration('first@example.sa', withCheckDigit('198765010'), key),
    );
    expect(first.errors).toBeUndefined();
    const other = await as(
      SCD,
      REGISTER,
      registration('other@example.sa', withCheckDigit('198765028'), key),
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
    });
    expect(
      await graph.volunteers.db.prisma.volunteer.count({ where: { email: 'other@example.sa' } }),
    ).toBe(0);
  });

  it("keeps each caller's keys apart", async () => {
    const key = 'shared-key';
    const byDesk = await as(
      SCD,
      REGISTER,
      registration('desk@example.sa', withCheckDigit('198765036'), key),
    );
    const byAdmin = await graph.query(
      REGISTER,
      registration('admin@example.sa', withCheckDigit('198765044'), key),
    );
    expect(byDesk.errors).toBeUndefined();
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data.registerVolunteer.id).not.toBe(byDesk.data.registerVolunteer.id);
  });

  it('refuses a key that is not one', async () => {
    const answer = await as(
      SCD,
      REGISTER,
      registration('bad@example.sa', withCheckDigit('198765051'), 'no spaces allowed'),
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
  });

  it('creates one program for parallel attempts', async () => {
    const query = /* GraphQL */ `
      mutation Create($input: CreateProgramInput!) {
        createProgram(input: $input) {
          id
        }
      }
    `;
    const input = {
      agencyCode: 'SCD',
      title: { ar: 'تدريب الإخلاء', en: 'Evacuation drills' },
      description: { ar: 'تدريب على الإخلاء', en: 'Evacuation training' },
      kind: 'PHYSICAL',
      regionCode: 'SA-01',
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      capacity: 40,
      idempotencyKey: 'create-evacuation-drills',
    };
    const answers = await inParallel(12, () => as(SCD, query, { input }));
    expect(answers.map((answer) => answer.errors)).toEqual(Array(12).fill(undefined));
    expect(new Set(answers.map((answer) => answer.data.createProgram.id)).size).toBe(1);
    expect(
      await graph.programs.db.prisma.program.count({ where: { titleEn: 'Evacuation drills' } }),
    ).toBe(1);
  });

  it('applies once for parallel attempts, where without a key the retries are CONFLICTs', async () => {
    const query = /* GraphQL */ `
      mutation Apply($input: ApplyToProgramInput!) {
        applyToProgram(input: $input) {
          id
          status
        }
      }
    `;
    const input = { programId: 'SCD-00001', volunteerId: 'V-0000002', skillCode: '2221' };
    const answers = await inParallel(12, () =>
      as(V2, query, { input: { ...input, idempotencyKey: 'apply-scd-1' } }),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array(12).fill(undefined));
    expect(new Set(answers.map((answer) => answer.data.applyToProgram.id)).size).toBe(1);
    const again = await as(V2, query, { input });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('logs the hours once for parallel attempts; without a key a retry logs them twice', async () => {
    const query = /* GraphQL */ `
      mutation Log($input: LogHoursInput!) {
        logHours(input: $input) {
          id
          hours
        }
      }
    `;
    const input = {
      participationId: 'SCD-00000000-0000-4000-8000-000000000001',
      date: '2026-06-01',
      hours: 2,
      activity: 'Flood barrier drill',
    };
    const count = () =>
      graph.programs.db.prisma.hourLog.count({
        where: { participationId: input.participationId, date: new Date('2026-06-01') },
      });
    const answers = await inParallel(12, () =>
      as(V1, query, { input: { ...input, idempotencyKey: 'log-2026-06-01' } }),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array(12).fill(undefined));
    expect(new Set(answers.map((answer) => answer.data.logHours.id)).size).toBe(1);
    expect(await count()).toBe(1);
    await as(V1, query, { input });
    await as(V1, query, { input });
    expect(await count()).toBe(3);
  });
});
