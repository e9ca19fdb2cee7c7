import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdentity } from '../src/auth/demoTokens.ts';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Row rules live in the subgraphs (defence in depth): directives say which roles may see a
// field at all; the subgraph that holds a record decides whose records a caller may see.
let graph: Graph;
beforeAll(async () => {
  graph = await startGraph({ now: () => new Date('2026-06-30T12:00:00Z') });
  await loadFixture(graph);
});
afterAll(() => graph?.stop());

const SCD: DemoIdentity = { role: 'agency_officer', subject: 'scd-1', agency: 'SCD' };
const SEC: DemoIdentity = { role: 'agency_officer', subject: 'sec-1', agency: 'SEC' };
const V1: DemoIdentity = { role: 'volunteer', subject: 'V-0000001' };
const ANALYST: DemoIdentity = { role: 'analyst', subject: 'analyst-1' };
const as = async (identity: DemoIdentity | null, query: string) =>
  graph.query(query, undefined, {
    authorization: identity ? `Bearer ${await graph.token(identity)}` : '',
  });
const agenciesOf = (volunteerId: string) =>
  new Set(
    fixture.participations
      .filter((p) => p.volunteerId === volunteerId && p.status !== 'WITHDRAWN')
      .map((p) => p.programId.split('-')[0]),
  );
const name = (id: string) => fixture.volunteers.find((v) => v.id === id)!.fullName;

const PERSONAL = ['fullName', 'gender', 'birthYear', 'city', 'registeredAt'] as const;
const PROFILE = [
  'region { code }',
  'kinds',
  'skills { code }',
  'weeklyAvailabilityHours',
  'status',
];

describe('a volunteer record', () => {
  it.each([
    [SCD, 'V-0000001'],
    [SCD, 'V-0000004'],
    [SEC, 'V-0000004'],
    [SEC, 'V-0000001'],
    [V1, 'V-0000001'],
  ])(
    '%o reading %s: personal fields and quasi-identifiers of their own or their agency volunteers only',
    async (identity, id) => {
      const result = await as(
        identity,
        `{ volunteer(id: "${id}") { id ${PERSONAL.join(' ')} ${PROFILE.join(' ')} } }`,
      );
      const allowed =
        identity.role === 'volunteer'
          ? identity.subject === id
          : agenciesOf(id).has(identity.agency!);
      // What deploying volunteers needs is visible to staff of every agency.
      expect(result.data?.volunteer?.region?.code).toBeTruthy();
      expect(result.data?.volunteer?.skills.length).toBeGreaterThan(0);
      if (allowed) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.volunteer?.fullName).toBe(name(id));
        for (const field of PERSONAL) expect(result.data?.volunteer?.[field]).not.toBeNull();
      } else {
        for (const field of PERSONAL) expect(result.data?.volunteer?.[field]).toBeNull();
        const refused = result.errors?.map((e) => `${e.extensions?.code} ${e.path?.join('.')}`);
        expect(refused?.sort()).toEqual(
          PERSONAL.map((field) => `FORBIDDEN volunteer.${field}`).sort(),
        );
        expect(JSON.stringify(result)).not.toContain(name(id));
      }
    },
  );

  it('another volunteer’s record is refused to a volunteer altogether', async () => {
    const result = await as(V1, `{ volunteer(id: "V-0000005") { id region { code } kinds } }`);
    expect(result.data?.volunteer).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['volunteer']],
    ]);
  });

  it('an analyst sees aggregates but no volunteer, not even a profile', async () => {
    const result = await as(
      ANALYST,
      '{ volunteer(id: "V-0000001") { id region { code } } nationalPeriod(period: "2026") { activeVolunteers } }',
    );
    expect(result.data?.volunteer).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['volunteer']],
    ]);
    expect(result.data?.nationalPeriod?.activeVolunteers).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain(name('V-0000001'));
  });

  it.each([
    [V1, false],
    [ANALYST, false],
    [SCD, true],
  ])('%o may list volunteers: %s', async (identity, allowed) => {
    const result = await as(
      identity,
      '{ volunteers(first: 50) { totalCount edges { node { id } } } }',
    );
    if (allowed) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.volunteers.totalCount).toBe(fixture.volunteers.length);
    } else {
      expect(result.data?.volunteers ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a volunteer’s agencies are visible to staff and to the volunteer, never to another volunteer', async () => {
    const own = await as(V1, '{ volunteer(id: "V-0000001") { agencyCodes } }');
    expect(own.data?.volunteer.agencyCodes.sort()).toEqual([...agenciesOf('V-0000001')].sort());
    const staff = await as(SEC, '{ volunteer(id: "V-0000001") { agencyCodes } }');
    expect(staff.errors).toBeUndefined();
  });
});

describe('registration', () => {
  const register = (nationalId: string, email: string) =>
    `mutation { registerVolunteer(input: { nationalId: "${nationalId}", fullName: "نورة الحربي", gender: FEMALE, birthYear: 1994, regionCode: "SA-01", city: "Riyadh", email: "${email}", weeklyAvailabilityHours: 2, kinds: [PRACTICAL], skillCodes: ["2221"] }) { id } }`;
  const ADMIN_ = { role: 'platform_admin', subject: 'admin-9' } as const;

  it.each([
    [V1, 'FORBIDDEN'],
    [ANALYST, 'FORBIDDEN'],
  ])('%o may not register anyone', async (identity, code) => {
    const result = await as(identity, register('1987654322', 'squat@example.sa'));
    expect(result.data?.registerVolunteer ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('a desk officer registers, and a collision says which field to an admin only', async () => {
    const first = await as(SCD, register('1987654330', 'desk@example.sa'));
    expect(first.errors).toBeUndefined();
    expect(first.data?.registerVolunteer.id).toMatch(/^V-/);
    // Which field collided would say whether an address or a person is registered: the officer
    // gets the same answer for both.
    const sameEmail = await as(SCD, register('1987654348', 'desk@example.sa'));
    const samePerson = await as(SCD, register('1987654330', 'other@example.sa'));
    for (const answer of [sameEmail, samePerson]) {
      expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['CONFLICT', undefined],
      ]);
    }
    expect(sameEmail.errors?.[0]?.message).toBe(samePerson.errors?.[0]?.message);
    const byAdmin = await as(ADMIN_, register('1987654348', 'desk@example.sa'));
    expect(byAdmin.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['CONFLICT', 'input.email'],
    ]);
  });
});

describe('participations', () => {
  const PROGRAM =
    '{ program(id: "SCD-00001") { participations(first: 50) { totalCount edges { node { volunteer { id } } } } } }';

  it("agency staff see their own programs' participations; another agency's are FORBIDDEN", async () => {
    const own = await as(SCD, PROGRAM);
    const inScd = fixture.participations.filter((p) => p.programId === 'SCD-00001');
    expect(own.data?.program.participations.totalCount).toBe(inScd.length);
    const other = await as(SEC, PROGRAM);
    // Not an empty list, which would read like a program nobody joined.
    expect(other.data?.program).toEqual({ participations: null });
    expect(other.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['program', 'participations']],
    ]);
  });

  it("an analyst asking for a program's participants is told FORBIDDEN, and keeps its figures", async () => {
    const result = await as(
      ANALYST,
      '{ program(id: "SCD-00001") { id verifiedHours participations(first: 5) { totalCount } teamLeads { id } } }',
    );
    expect(result.data?.program).toMatchObject({
      id: 'SCD-00001',
      participations: null,
      teamLeads: null,
    });
    expect(result.data?.program.verifiedHours).toBeGreaterThan(0);
    expect(result.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'program.participations'],
      ['FORBIDDEN', 'program.teamLeads'],
    ]);
  });

  it('a volunteer sees their own participations only', async () => {
    const result = await as(V1, PROGRAM);
    expect(result.data?.program.participations.edges).toEqual([
      { node: { volunteer: { id: 'V-0000001' } } },
    ]);
    const theirs = await as(V1, '{ volunteer(id: "V-0000005") { participations { id } } }');
    expect(theirs.data?.volunteer).toBeNull();
  });
});

describe('writes', () => {
  it('agency staff write to their own agency programs only', async () => {
    const foreign = await as(
      SEC,
      'mutation { updateProgram(id: "SCD-00001", input: { capacity: 12 }) { id capacity } }',
    );
    expect(foreign.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'id'],
    ]);
    const own = await as(
      SCD,
      'mutation { updateProgram(id: "SCD-00001", input: { capacity: 12 }) { id capacity } }',
    );
    expect(own.data?.updateProgram).toEqual({ id: 'SCD-00001', capacity: 12 });
    const created = await as(
      SEC,
      'mutation { createProgram(input: { agencyCode: "SCD", title: { ar: "أ", en: "A" }, description: { ar: "أ", en: "A" }, kind: PRACTICAL, regionCode: "SA-01", startDate: "2026-07-01", endDate: "2026-08-01", capacity: 5 }) { id } }',
    );
    expect(created.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'input.agencyCode'],
    ]);
  });

  it('a volunteer applies and logs hours for themself only', async () => {
    const apply = await as(
      V1,
      'mutation { applyToProgram(input: { programId: "SCD-00001", volunteerId: "V-0000002", skillCode: "2221" }) { id } }',
    );
    expect(apply.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'input.volunteerId'],
    ]);
    const log = await as(
      { role: 'volunteer', subject: 'V-0000005' },
      `mutation { logHours(input: { participationId: "${fixture.participations[0]!.id}", date: "2026-06-01", hours: 2, activity: "Drill" }) { id } }`,
    );
    expect(log.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'input.participationId'],
    ]);
  });
});

describe('the public catalogue', () => {
  it('anonymous callers see agencies and open programs only', async () => {
    const result = await as(
      null,
      '{ agencies { code } programs(first: 50) { edges { node { id status } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.agencies).toHaveLength(fixture.agencies.length);
    const open = fixture.programs
      .filter((p) => p.status === 'OPEN')
      .map((p) => p.id)
      .sort();
    expect(result.data?.programs.edges.map((e: any) => e.node.id).sort()).toEqual(open);
    expect((await as(null, '{ program(id: "SEC-00001") { id } }')).data?.program).toBeNull();
  });
});
