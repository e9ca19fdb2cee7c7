import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture, programFigures } from '../../gateway/test/support/fixture.ts';
import { ADMIN, startGraph, type Graph } from '../../gateway/test/support/startGraph.ts';
import { startGateway, type RunningGateway } from '../../gateway/src/startGateway.ts';
import {
  AcceptParticipationDocument,
  AgencyBacklogDocument,
  AgencyScorecardsDocument,
  AgencyTrendDocument,
  ApplyToProgramDocument,
  BreakdownDocument,
  createClient,
  DeployableVolunteersDocument,
  LogHoursDocument,
  NationalBacklogDocument,
  NationalScorecardDocument,
  NationalTrendDocument,
  ProgramDetailDocument,
  ProgramFiguresDocument,
  ProgramImpactDocument,
  ProgramLeagueDocument,
  ReferenceDataDocument,
  RegionTrendDocument,
  SahemGraphQLError,
  SearchVolunteersDocument,
  VerifyHoursDocument,
  type SahemClient,
} from '../src/index.ts';

// Every shipped operation, sent as a production client sends it: by hash only, to a gateway that
// runs nothing but the manifest, as a platform admin (who may run every one of them; what each
// role may see is the authorization tests' subject). Expected figures come from the fixture.
const TODAY = '2026-06-30';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const MANIFEST = fileURLToPath(
  new URL('../src/__generated__/persisted-documents.json', import.meta.url),
);

let graph: Graph;
let gateway: RunningGateway;
let client: SahemClient;

beforeAll(async () => {
  graph = await startGraph({ now: () => NOW });
  await loadFixture(graph);
  gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      persistedDocuments: { mode: 'enforce', manifestPath: MANIFEST },
    },
    { port: 0 },
  );
  client = createClient({ url: gateway.url, token: await graph.token(ADMIN), persisted: true });
});
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
});

type Participation = (typeof fixture.participations)[number];
const verified = fixture.hourLogs
  .filter((log) => log.verified)
  .map((log) => ({ ...log, of: fixture.participations[log.participation - 1]! }));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const hoursOf = (predicate: (p: Participation) => boolean, year = '') =>
  sum(
    verified
      .filter((log) => log.date.startsWith(year) && predicate(log.of))
      .map((log) => log.hours),
  );
const programOf = (p: Participation) => fixture.programs.find((pr) => pr.id === p.programId)!;
const nameOf = (id: string) => fixture.volunteers.find((v) => v.id === id)!.fullName;

describe('the typed client against the gateway, by hash in enforce mode', () => {
  it('ReferenceData: agencies, the 13 regions and the skills', async () => {
    const data = await client.request(ReferenceDataDocument);
    expect(data.agencies.map((a) => a.code).sort()).toEqual(
      fixture.agencies.map((a) => a.code).sort(),
    );
    expect(data.agencies.find((a) => a.code === 'SCD')).toEqual({
      code: 'SCD',
      name: { ar: 'الدفاع المدني', en: 'Civil Defense' },
      sector: 'Public safety',
    });
    expect(data.regions).toHaveLength(13);
    expect(data.regions.find((r) => r.code === 'SA-01')?.name.en).toBe('Riyadh');
    expect(data.skills.find((s) => s.code === '2221')).toMatchObject({ majorGroup: '2' });
  });

  it('AgencyScorecards (scenario 1): every agency in 2026 with value and indicators', async () => {
    const { agencies } = await client.request(AgencyScorecardsDocument, { period: '2026' });
    expect(agencies).toHaveLength(fixture.agencies.length);
    for (const agency of agencies) {
      const inAgency = (p: Participation) => programOf(p).agencyCode === agency.code;
      const active = new Set(
        verified
          .filter((log) => log.date.startsWith('2026') && inAgency(log.of))
          .map((log) => log.of.volunteerId),
      );
      expect(agency.period).toMatchObject({
        activeVolunteers: active.size,
        verifiedHours: hoursOf(inAgency, '2026'),
        ...programFigures((p) => p.agencyCode === agency.code, '2026-01-01', '2026-12-31', TODAY),
        economicValue: { hoursValued: hoursOf(inAgency, '2026') },
      });
      expect(agency.period.economicValue!.method).toMatch(/ILO/);
      expect(agency.period.scorecard!.entries.map((e) => e.indicator.code)).toContain(
        'ECONOMIC_VALUE',
      );
    }
    const scd = agencies.find((a) => a.code === 'SCD')!.period;
    expect(scd.economicValue!.sar).toBeGreaterThan(0);
    const hours = scd.scorecard!.entries.find((e) => e.indicator.code === 'VERIFIED_HOURS');
    expect(hours).toMatchObject({ value: scd.verifiedHours, indicator: { unit: 'HOURS' } });
  });

  it('DeployableVolunteers (scenario 2): region, skill, at least one hour a week', async () => {
    const { volunteers } = await client.request(DeployableVolunteersDocument, {
      regionCode: 'SA-01',
      skillCode: '2221',
      minWeeklyHours: 1,
    });
    const expected = fixture.volunteers.filter(
      (v) => v.regionCode === 'SA-01' && v.skills.includes('2221') && v.hours >= 1,
    );
    expect(volunteers.totalCount).toBe(expected.length);
    expect(volunteers.edges.map((e) => e.node.id)).toEqual(expected.map((v) => v.id));
    const first = volunteers.edges[0]!.node;
    expect(first).toMatchObject({
      id: 'V-0000001',
      fullName: nameOf('V-0000001'),
      weeklyAvailabilityHours: 3,
      verifiedHours: hoursOf((p) => p.volunteerId === 'V-0000001'),
    });
    const joined = first
      .participations!.map((p) => ({
        program: p.program.id,
        agency: p.program.agency.code,
        role: p.role,
      }))
      .sort((a, b) => a.program.localeCompare(b.program));
    expect(joined).toEqual([
      { program: 'SCD-00001', agency: 'SCD', role: 'TEAM_LEAD' },
      { program: 'SRCA-00001', agency: 'SRCA', role: 'MEMBER' },
    ]);
  });

  it('ProgramImpact (scenario 3): team leads, participants, hours and economic value', async () => {
    const { program } = await client.request(ProgramImpactDocument, { id: 'SCD-00001' });
    const inProgram = fixture.participations.filter((p) => p.programId === 'SCD-00001');
    expect(program).not.toBeNull();
    expect(program!.agency.code).toBe('SCD');
    expect(program!.verifiedHours).toBe(hoursOf((p) => p.programId === 'SCD-00001'));
    expect(program!.teamLeads!.map((lead) => lead.volunteer.id).sort()).toEqual(
      inProgram
        .filter((p) => p.role === 'TEAM_LEAD')
        .map((p) => p.volunteerId)
        .sort(),
    );
    expect(program!.participations!.totalCount).toBe(inProgram.length);
    expect(program!.economicValue!.bySkill.map((line) => line.skillCode).sort()).toEqual([
      '3258',
      '5411',
    ]);
    expect(program!.economicValue!.sar).toBeCloseTo(
      sum(program!.economicValue!.bySkill.map((line) => line.hours * line.hourlyWageSar)),
      2,
    );
  });

  it('NationalScorecard (scenario 4): the nation in 2026, by region', async () => {
    const { nationalPeriod } = await client.request(NationalScorecardDocument, { period: '2026' });
    const in2026 = verified.filter((log) => log.date.startsWith('2026'));
    expect(nationalPeriod).toMatchObject({
      period: '2026',
      registeredVolunteers: fixture.volunteers.length,
      activeVolunteers: new Set(in2026.map((log) => log.of.volunteerId)).size,
      verifiedHours: hoursOf(() => true, '2026'),
    });
    expect(nationalPeriod.regions).toHaveLength(13);
    const riyadh = nationalPeriod.regions.find((r) => r.regionCode === 'SA-01')!;
    expect(riyadh.region.name.en).toBe('Riyadh');
    expect(riyadh.verifiedHours).toBe(hoursOf((p) => programOf(p).regionCode === 'SA-01', '2026'));
    expect(nationalPeriod.scorecard!.entries.length).toBeGreaterThan(0);
  });

  it('Breakdown: the nation by skill, every cell of the small fixture suppressed', async () => {
    const { nationalPeriod } = await client.request(BreakdownDocument, {
      period: '2026',
      by: ['SKILL'],
    });
    const in2026 = verified.filter((log) => log.date.startsWith('2026'));
    // Fewer than 5 volunteers in each skill (the default threshold): dimensions only.
    const skills = [...new Set(in2026.map((log) => log.of.skillCode))].sort();
    expect(nationalPeriod.breakdown).toEqual(
      skills.map((skillCode) => ({
        agencyCode: null,
        regionCode: null,
        kind: null,
        skillCode,
        gender: null,
        ageBand: null,
        activeVolunteers: null,
        verifiedHours: null,
        suppressed: true,
      })),
    );
    expect(nationalPeriod.verifiedHours).toBe(hoursOf(() => true, '2026'));
  });

  it('SearchVolunteers: optional filter and pagination', async () => {
    const all = await client.request(SearchVolunteersDocument);
    expect(all.volunteers.totalCount).toBe(fixture.volunteers.length);
    const jeddah = await client.request(SearchVolunteersDocument, {
      filter: { regionCode: 'SA-02' },
    });
    expect(jeddah.volunteers.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        id: 'V-0000004',
        city: 'Jeddah',
        region: expect.objectContaining({ code: 'SA-02' }),
      }),
    ]);
    const page1 = await client.request(SearchVolunteersDocument, { first: 4 });
    const page2 = await client.request(SearchVolunteersDocument, {
      first: 4,
      after: page1.volunteers.pageInfo.endCursor,
    });
    expect(page1.volunteers.pageInfo.hasNextPage).toBe(true);
    expect([...page1.volunteers.edges, ...page2.volunteers.edges].map((e) => e.node.id)).toEqual(
      fixture.volunteers.map((v) => v.id),
    );
  });

  it('ProgramDetail: one program, or null', async () => {
    const { program } = await client.request(ProgramDetailDocument, { id: 'SRCA-00001' });
    expect(program).toMatchObject({
      id: 'SRCA-00001',
      title: { en: 'First aid in schools' },
      agency: { code: 'SRCA' },
      region: { code: 'SA-01' },
      startDate: '2025-06-01',
      endDate: '2026-06-30',
      status: 'OPEN',
      beneficiariesServed: 800,
    });
    expect(await client.request(ProgramDetailDocument, { id: 'SCD-99999' })).toEqual({
      program: null,
    });
  });

  // The analyst's questions of issue 11 (before the mutations below change the figures).
  const activeIn = (prefix: string) =>
    new Set(verified.filter((log) => log.date.startsWith(prefix)).map((log) => log.of.volunteerId))
      .size;
  const inRegion = (region: string) => (p: Participation) => programOf(p).regionCode === region;
  const ofAgency = (agency: string) => (p: Participation) => p.programId.startsWith(`${agency}-`);
  const q1Hours = (predicate: (p: Participation) => boolean) =>
    ['2026-01', '2026-02', '2026-03'].reduce(
      (total, month) => total + hoursOf(predicate, month),
      0,
    );

  it('NationalTrend: the country month by month, each with its valuation table', async () => {
    const { nationalTrend } = await client.request(NationalTrendDocument, {
      from: '2026-01',
      to: '2026-04',
    });
    expect(nationalTrend.map((row) => row.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    for (const row of nationalTrend) {
      expect(row).toMatchObject({
        activeVolunteers: activeIn(row.period),
        verifiedHours: hoursOf(() => true, row.period),
        coverage: { included: fixture.agencies.map((agency) => agency.code).sort(), excluded: [] },
        economicValue: { tableVersion: '2025.1', noValueBecause: null },
      });
    }
    expect(nationalTrend[0]!.verifiedHours).toBe(4 + 1.5 + 5);
  });

  it('RegionTrend and AgencyTrend: one region by quarter, one agency by year', async () => {
    const { regionTrend } = await client.request(RegionTrendDocument, {
      regionCode: 'SA-01',
      from: '2026-Q1',
      to: '2026-Q2',
    });
    expect(regionTrend!.map(({ period, verifiedHours }) => ({ period, verifiedHours }))).toEqual([
      { period: '2026-Q1', verifiedHours: q1Hours(inRegion('SA-01')) },
      { period: '2026-Q2', verifiedHours: 0 },
    ]);
    const { agencyTrend } = await client.request(AgencyTrendDocument, {
      agencyCode: 'SRCA',
      from: '2025',
      to: '2026',
    });
    expect(agencyTrend).toMatchObject([
      { agencyCode: 'SRCA', period: '2025', verifiedHours: hoursOf(ofAgency('SRCA'), '2025') },
      { agencyCode: 'SRCA', period: '2026', verifiedHours: hoursOf(ofAgency('SRCA'), '2026') },
    ]);
    expect(agencyTrend!.every((row) => row.closedAt === null)).toBe(true);
    expect(
      (await client.request(RegionTrendDocument, { regionCode: 'SA-99', from: '2026', to: '2026' }))
        .regionTrend,
    ).toBeNull();
  });

  it('ProgramLeague and ProgramFigures: programs ranked by hours, and one program in a period', async () => {
    const ranked = fixture.programs
      .map((program) => ({
        programId: program.id,
        value: hoursOf((p) => p.programId === program.id, '2026'),
      }))
      .filter((row) => row.value > 0)
      .sort((a, b) => b.value - a.value || (a.programId < b.programId ? -1 : 1));
    const { programRanking } = await client.request(ProgramLeagueDocument, {
      period: '2026',
      orderBy: 'VERIFIED_HOURS',
      first: 2,
    });
    expect(programRanking.map(({ programId, value }) => ({ programId, value }))).toEqual(
      ranked.slice(0, 2),
    );
    expect(programRanking[0]!.figures.verifiedHours).toBe(ranked[0]!.value);
    const { program } = await client.request(ProgramFiguresDocument, {
      id: 'SCD-00001',
      period: '2026-Q1',
    });
    expect(program!.period).toMatchObject({
      period: '2026-Q1',
      verifiedHours: q1Hours((p) => p.programId === 'SCD-00001'),
      hoursVerifiedAfterClose: 0,
    });
  });

  it('AgencyBacklog and NationalBacklog: what waits in 2026-Q1, by agency and for the country', async () => {
    const q1 = fixture.hourLogs.filter((log) => log.date >= '2026-01' && log.date < '2026-04');
    const waiting = q1.filter((log) => !log.verified);
    const { agencyPeriods } = await client.request(AgencyBacklogDocument, { period: '2026-Q1' });
    const scd = agencyPeriods.find((row) => row.agencyCode === 'SCD')!;
    // SCD's log of 1 March, 3 hours, is the only one waiting; the fixture verifies on the day.
    expect(waiting).toEqual([expect.objectContaining({ date: '2026-03-01', hours: 3 })]);
    expect(scd.verificationBacklog).toEqual({
      unverifiedHours: 3,
      unverifiedLogs: 1,
      oldestPendingDate: '2026-03-01',
      verifiedLogs: q1.filter(
        (log) =>
          log.verified &&
          fixture.participations[log.participation - 1]!.programId.startsWith('SCD-'),
      ).length,
      medianDaysToVerify: 0,
    });
    const { nationalPeriod } = await client.request(NationalBacklogDocument, { period: '2026-Q1' });
    expect(nationalPeriod.verificationBacklog).toEqual({
      unverifiedHours: 3,
      unverifiedLogs: 1,
      oldestPendingDate: '2026-03-01',
      verifiedLogs: q1.length - 1,
      medianDaysToVerify: 0,
    });
    expect(
      nationalPeriod.regions.find((row) => row.regionCode === 'SA-04')!.verificationBacklog,
    ).toEqual({
      unverifiedHours: 0,
      unverifiedLogs: 0,
      oldestPendingDate: null,
      medianDaysToVerify: 0,
    });
  });

  it('applies, accepts, logs and verifies hours, which then count in the program', async () => {
    const before = (await client.request(ProgramImpactDocument, { id: 'SCD-00001' })).program!;
    const { applyToProgram } = await client.request(ApplyToProgramDocument, {
      input: { programId: 'SCD-00001', volunteerId: 'V-0000002', skillCode: '2221' },
    });
    expect(applyToProgram).toMatchObject({
      status: 'APPLIED',
      program: { id: 'SCD-00001' },
      volunteer: { id: 'V-0000002' },
      skill: { code: '2221' },
    });
    const { acceptParticipation } = await client.request(AcceptParticipationDocument, {
      id: applyToProgram.id,
      joinedOn: '2026-06-01',
    });
    expect(acceptParticipation).toMatchObject({
      status: 'ACCEPTED',
      role: 'MEMBER',
      joinedOn: '2026-06-01',
    });
    const { logHours } = await client.request(LogHoursDocument, {
      input: {
        participationId: applyToProgram.id,
        date: '2026-06-15',
        hours: 3,
        activity: 'Flood drill',
      },
    });
    expect(logHours).toMatchObject({ date: '2026-06-15', hours: 3, verified: false });
    const { verifyHours } = await client.request(VerifyHoursDocument, {
      hourLogId: logHours.id,
      verifiedBy: 'SCD-officer-7',
    });
    expect(verifyHours).toMatchObject({
      id: logHours.id,
      verified: true,
      verifiedBy: 'SCD-officer-7',
    });
    expect(verifyHours.verifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const after = (await client.request(ProgramImpactDocument, { id: 'SCD-00001' })).program!;
    expect(after.verifiedHours).toBe(before.verifiedHours + 3);
    expect(after.participations!.totalCount).toBe(before.participations!.totalCount + 1);
    expect(after.participations!.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ id: applyToProgram.id, status: 'ACTIVE', verifiedHours: 3 }),
    );
  });

  it('surfaces refused input as a SahemGraphQLError with its code', async () => {
    const error = await client
      .request(LogHoursDocument, {
        input: {
          participationId: fixture.participations[0]!.id,
          date: '2026-06-16',
          hours: 25,
          activity: 'Too long a day',
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SahemGraphQLError);
    expect((error as SahemGraphQLError).codes).toEqual(['BAD_USER_INPUT']);
    expect((error as SahemGraphQLError).errors[0]?.extensions?.field).toBe('input.hours');
  });
});
