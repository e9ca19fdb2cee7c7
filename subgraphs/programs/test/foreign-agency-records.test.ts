import { beforeAll, describe, expect, it } from 'vitest';
import { callers, expectGraphQLError } from '@sahem/kit/testing';
import type { HourLog, Participation, Program } from '../src/__generated__/prisma/client.ts';
import { OWNED_ID } from '../src/agencies/ownedId.ts';
import { aParticipation, aProgram, aProgramInput, anHourLog, aVolunteerId } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// Civil Defense's instance, over a database that also holds the electricity company's records
// (a copy of the single store, say): it must act as if SEC's rows were not there.
const subgraph = useProgramsSubgraph({ agencies: ['SCD'] });

let scd: { program: Program; participation: Participation; log: HourLog };
let sec: { program: Program; participation: Participation; log: HourLog };
const BOTH = aVolunteerId();

async function agencyRecords(agencyCode: string) {
  const program = await aProgram(subgraph, { agencyCode, id: `${agencyCode}-00001` });
  const participation = await aParticipation(subgraph, program, {
    volunteerId: BOTH,
    status: 'ACTIVE',
    role: 'TEAM_LEAD',
  });
  const log = await anHourLog(subgraph, participation, { date: '2026-03-01', hours: 3 });
  await anHourLog(subgraph, participation, { date: '2026-03-02', hours: 2, verified: true });
  return { program, participation, log };
}

beforeAll(async () => {
  scd = await agencyRecords('SCD');
  sec = await agencyRecords('SEC');
});

/** Rows of every table, to show a refused mutation wrote nothing. */
async function rowCounts() {
  const { prisma } = subgraph.db;
  return {
    programs: await prisma.program.count(),
    participations: await prisma.participation.count(),
    hourLogs: await prisma.hourLog.count(),
    verified: await prisma.hourLog.count({ where: { verified: true } }),
  };
}

// Reads first: the writes below add SCD records of their own.
describe('an instance holding SCD serves SCD records only', () => {
  it('resolves SEC entities to null, as unknown keys, and SCD ones in full', async () => {
    const result = await subgraph.run(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          __typename
          ... on Program { id }
          ... on Participation { id }
          ... on Agency { code }
          ... on AgencyPeriod { agencyCode activeVolunteers }
        }
      }`,
      {
        representations: [
          { __typename: 'Program', id: sec.program.id },
          { __typename: 'Program', id: scd.program.id },
          { __typename: 'Participation', id: sec.participation.id },
          { __typename: 'Participation', id: scd.participation.id },
          { __typename: 'Agency', code: 'SEC' },
          { __typename: 'Agency', code: 'SCD' },
          { __typename: 'AgencyPeriod', agencyCode: 'SEC', period: '2026' },
          { __typename: 'AgencyPeriod', agencyCode: 'SCD', period: '2026' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      null,
      { __typename: 'Program', id: scd.program.id },
      null,
      { __typename: 'Participation', id: scd.participation.id },
      null,
      { __typename: 'Agency', code: 'SCD' },
      null,
      { __typename: 'AgencyPeriod', agencyCode: 'SCD', activeVolunteers: 1 },
    ]);
  });

  it('lists its own agencies, programs and agency periods only', async () => {
    const result = await subgraph.run(`{
      agencies { code }
      agency(code: "SEC") { code }
      program(id: "${sec.program.id}") { id }
      participation(id: "${sec.participation.id}") { id }
      programs(first: 100) { totalCount edges { node { agency { code } } } }
      secPrograms: programs(filter: { agencyCode: "SEC" }) { totalCount edges { node { id } } }
      agencyPeriods(period: "2026") { agencyCode }
      agencyPeriod(agencyCode: "SEC", period: "2026") { agencyCode }
      nationalPeriod(period: "2026") { agencies { agencyCode } }
    }`);
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.agencies).toEqual([{ code: 'SCD' }]);
    expect([data.agency, data.program, data.participation, data.agencyPeriod]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const agencies = new Set(data.programs.edges.map((e: any) => e.node.agency.code));
    expect([...agencies]).toEqual(['SCD']);
    expect(data.programs.totalCount).toBe(data.programs.edges.length);
    expect(data.secPrograms).toEqual({ totalCount: 0, edges: [] });
    expect(data.agencyPeriods).toEqual([{ agencyCode: 'SCD' }]);
    expect(data.nationalPeriod.agencies).toEqual([{ agencyCode: 'SCD' }]);
  });

  it("counts SCD's records only in every aggregate, with coverage and exact counts", async () => {
    const result = await subgraph.run(`{
      nationalPeriod(period: "2026-03") {
        activeVolunteers verifiedHours activeTeamLeads programsRun
        verifiedHoursBySkill { skillCode hours }
        coverage { included excluded } countAccuracy { exact relativeError }
      }
      regionPeriod(regionCode: "SA-01", period: "2026-03") {
        activeVolunteers verifiedHours programsRun
        coverage { included excluded } countAccuracy { exact relativeError }
      }
      agencyPeriod(agencyCode: "SCD", period: "2026-03") {
        activeVolunteers verifiedHours
        coverage { included excluded } countAccuracy { exact relativeError }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const exact = { exact: true, relativeError: 0 };
    const held = { included: ['SCD'], excluded: [] };
    // Each agency's store has one verified 2-hour log of the same volunteer: SCD's only counts.
    expect(result.data).toEqual({
      nationalPeriod: {
        activeVolunteers: 1,
        verifiedHours: 2,
        activeTeamLeads: 1,
        programsRun: 1,
        verifiedHoursBySkill: [{ skillCode: '2221', hours: 2 }],
        coverage: held,
        countAccuracy: exact,
      },
      regionPeriod: {
        activeVolunteers: 1,
        verifiedHours: 2,
        programsRun: 1,
        coverage: held,
        countAccuracy: exact,
      },
      agencyPeriod: { activeVolunteers: 1, verifiedHours: 2, coverage: held, countAccuracy: exact },
    });
  });

  it("shows a volunteer's SCD participations, hours and agencies only", async () => {
    const result = await subgraph.run(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Volunteer {
            agencyCodes
            participations { id program { id } }
            verifiedHours
            verifiedHoursBySkill { skillCode hours }
          }
        }
      }`,
      { representations: [{ __typename: 'Volunteer', id: BOTH }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        agencyCodes: ['SCD'],
        participations: [{ id: scd.participation.id, program: { id: scd.program.id } }],
        verifiedHours: 2,
        verifiedHoursBySkill: [{ skillCode: '2221', hours: 2 }],
      },
    ]);
  });
});

describe('an instance holding SCD refuses to write records of another agency', () => {
  it.each<[string, () => { query: string; variables: Record<string, unknown> }, string]>([
    [
      'createProgram',
      () => ({
        query: `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
        variables: { input: aProgramInput('SEC') },
      }),
      'input.agencyCode',
    ],
    [
      'updateProgram',
      () => ({
        query: `mutation ($id: ID!) { updateProgram(id: $id, input: { capacity: 99 }) { id } }`,
        variables: { id: sec.program.id },
      }),
      'id',
    ],
    [
      'applyToProgram',
      () => ({
        query: `mutation ($input: ApplyToProgramInput!) { applyToProgram(input: $input) { id } }`,
        variables: {
          input: { volunteerId: aVolunteerId(), programId: sec.program.id, skillCode: '2221' },
        },
      }),
      'input.programId',
    ],
    [
      'acceptParticipation',
      () => ({
        query: `mutation ($id: ID!) { acceptParticipation(id: $id) { id } }`,
        variables: { id: sec.participation.id },
      }),
      'id',
    ],
    [
      'withdrawParticipation',
      () => ({
        query: `mutation ($id: ID!) { withdrawParticipation(id: $id) { id } }`,
        variables: { id: sec.participation.id },
      }),
      'id',
    ],
    [
      'logHours',
      () => ({
        query: `mutation ($input: LogHoursInput!) { logHours(input: $input) { id } }`,
        variables: {
          input: {
            participationId: sec.participation.id,
            date: '2026-06-01',
            hours: 2,
            activity: 'Field work',
          },
        },
      }),
      'input.participationId',
    ],
    [
      'verifyHours',
      () => ({
        query: `mutation ($id: ID!) { verifyHours(hourLogId: $id, verifiedBy: "officer") { id } }`,
        variables: { id: sec.log.id },
      }),
      'hourLogId',
    ],
  ])(
    '%s of SEC: BAD_USER_INPUT naming the input and the agencies held, nothing written',
    async (_, make, field) => {
      const before = await rowCounts();
      const { query, variables } = make();
      const result = await subgraph.run(query, variables);
      const error = expectGraphQLError(result, 'BAD_USER_INPUT', field);
      expect(error.message).toMatch(/holds the records of SCD only/);
      expect(error.message).toMatch(/SEC/);
      expect(error.extensions).toMatchObject({ agencyCode: 'SEC', heldAgencies: ['SCD'] });
      expect(result.data ?? null).toBeNull();
      expect(await rowCounts()).toEqual(before);
    },
  );

  it('refuses SEC even to its own staff: the record does not belong in this store', async () => {
    const result = await subgraph.run(
      `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      { input: aProgramInput('SEC') },
      callers.officer('SEC'),
    );
    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.agencyCode');
  });

  it('still takes SCD records, under keys naming SCD', async () => {
    const program = await aProgram(subgraph, { agencyCode: 'SCD', capacity: 5 });
    const volunteerId = aVolunteerId();
    const applied = await subgraph.run(
      `mutation ($input: ApplyToProgramInput!) { applyToProgram(input: $input) { id } }`,
      { input: { volunteerId, programId: program.id, skillCode: '2221' } },
    );
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyToProgram.id as string;
    expect(id).toMatch(OWNED_ID);
    expect(id.startsWith('SCD-')).toBe(true);
    const accepted = await subgraph.run(
      `mutation ($id: ID!) { acceptParticipation(id: $id, joinedOn: "2026-02-01") { status } }`,
      { id },
    );
    expect(accepted.data?.acceptParticipation).toEqual({ status: 'ACCEPTED' });
    const logged = await subgraph.run(
      `mutation ($input: LogHoursInput!) { logHours(input: $input) { id } }`,
      { input: { participationId: id, date: '2026-03-01', hours: 1.5, activity: 'Drill' } },
    );
    expect(logged.errors).toBeUndefined();
    expect(logged.data!.logHours.id).toMatch(/^SCD-[0-9a-f-]{36}$/);
  });

  it.each([
    ['an old-style uuid', '3f0c1f6e-1c2b-4b8e-9a55-0c1e2d3f4a5b'],
    ['garbage', 'not-an-id'],
  ])('answers NOT_FOUND for %s, as for any unknown id', async (_, id) => {
    const result = await subgraph.run(
      `mutation ($id: ID!) { withdrawParticipation(id: $id) { id } }`,
      { id },
    );
    expectGraphQLError(result, 'NOT_FOUND', 'id');
  });
});
