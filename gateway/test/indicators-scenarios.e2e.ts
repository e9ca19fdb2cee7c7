import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Mid-2026: 181 of the year's 365 days have elapsed by the end of June 30.
const NOW = new Date('2026-06-30T12:00:00Z');
const ELAPSED_2026 = 181 / 365;

let graph: Graph;
let rates: Map<string, number>;
let defaultRate: number;
let tableVersion: string;

const TARGETS = [
  {
    indicatorCode: 'ACTIVE_VOLUNTEERS',
    scope: 'AGENCY',
    scopeCode: 'SCD',
    period: '2026',
    value: 5,
  },
  { indicatorCode: 'VERIFIED_HOURS', scope: 'AGENCY', scopeCode: 'SCD', period: '2026', value: 60 },
  {
    indicatorCode: 'ECONOMIC_VALUE',
    scope: 'AGENCY',
    scopeCode: 'SCD',
    period: '2026',
    value: 2000,
  },
  {
    indicatorCode: 'AVG_WEEKLY_HOURS',
    scope: 'AGENCY',
    scopeCode: 'SCD',
    period: '2026',
    value: 1,
  },
  {
    indicatorCode: 'ACTIVE_VOLUNTEERS',
    scope: 'AGENCY',
    scopeCode: 'SEC',
    period: '2026',
    value: 1,
  },
  {
    indicatorCode: 'ACTIVE_VOLUNTEERS',
    scope: 'NATIONAL',
    scopeCode: '',
    period: '2026',
    value: 1_000_000,
  },
  {
    indicatorCode: 'REGISTERED_VOLUNTEERS',
    scope: 'NATIONAL',
    scopeCode: '',
    period: '2026',
    value: 6,
  },
  {
    indicatorCode: 'VERIFIED_HOURS',
    scope: 'REGION',
    scopeCode: 'SA-01',
    period: '2026',
    value: 50,
  },
  {
    indicatorCode: 'TEAM_LEAD_RATIO',
    scope: 'REGION',
    scopeCode: 'SA-01',
    period: '2026',
    value: 50,
  },
] as const;

beforeAll(async () => {
  graph = await startGraph({ now: () => NOW });
  await loadFixture(graph);
  await graph.indicators.db.prisma.target.createMany({ data: TARGETS.map((t) => ({ ...t })) });
  const table = await graph.query(
    `{ valuationTable { version defaultHourlyWageSar rates { majorGroup hourlyWageSar } } }`,
  );
  tableVersion = table.data.valuationTable.version;
  defaultRate = table.data.valuationTable.defaultHourlyWageSar;
  rates = new Map(
    table.data.valuationTable.rates.map((r: { majorGroup: string; hourlyWageSar: number }) => [
      r.majorGroup,
      r.hourlyWageSar,
    ]),
  );
});
afterAll(() => graph?.stop());

// Independent re-computation from the fixture.
type P = (typeof fixture.participations)[number];
const logs = fixture.hourLogs
  .filter((log) => log.verified)
  .map((log) => ({ ...log, of: fixture.participations[log.participation - 1]! }));
const programOf = (p: P) => fixture.programs.find((program) => program.id === p.programId)!;
const in2026 = logs.filter((log) => log.date.startsWith('2026'));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const round2 = (value: number) => Math.round(value * 100) / 100;
const valueOf = (selected: typeof logs) =>
  round2(sum(selected.map((log) => log.hours * (rates.get(log.of.skillCode[0]!) ?? defaultRate))));
/** The status rule, on unrounded figures (the API rounds them for display only). */
const status = (value: number, expected: number) =>
  value / expected >= 1 ? 'ON_TRACK' : value / expected >= 0.8 ? 'AT_RISK' : 'OFF_TRACK';

const SCORECARD =
  'scorecard { scope scopeCode period entries { indicator { code } value target expectedToDate status } }';
const entry = (card: { entries: { indicator: { code: string } }[] }, code: string) =>
  card.entries.find((e) => e.indicator.code === code) as any;

describe('scenario 1: every agency in 2026 with economic value and indicators against targets', () => {
  it('answers in one request', async () => {
    const result = await graph.query(`{
      agencies {
        code
        period(period: "2026") {
          activeVolunteers verifiedHours beneficiaries
          economicValue { sar tableVersion method hoursValued }
          ${SCORECARD}
        }
      }
    }`);
    expect(result.errors).toBeUndefined();
    for (const agency of result.data.agencies) {
      const selected = in2026.filter((log) => programOf(log.of).agencyCode === agency.code);
      expect(agency.period.economicValue).toMatchObject({
        sar: valueOf(selected),
        tableVersion,
        hoursValued: sum(selected.map((log) => log.hours)),
      });
      expect(agency.period.economicValue.method).toMatch(/ILO/);
      expect(agency.period.scorecard.entries).toHaveLength(9);
      expect(entry(agency.period.scorecard, 'REGISTERED_VOLUNTEERS').value).toBeNull();
    }

    const scd = result.data.agencies.find((a: { code: string }) => a.code === 'SCD').period;
    const scdLogs = in2026.filter((log) => programOf(log.of).agencyCode === 'SCD');
    const active = new Set(scdLogs.map((log) => log.of.volunteerId)).size;
    const hours = sum(scdLogs.map((log) => log.hours));
    const expected = {
      VERIFIED_HOURS: { value: hours, target: 60 },
      ECONOMIC_VALUE: { value: valueOf(scdLogs), target: 2000 },
    };
    for (const [code, { value, target }] of Object.entries(expected)) {
      const toDate = target * ELAPSED_2026;
      expect(entry(scd.scorecard, code)).toEqual({
        indicator: { code },
        value,
        target,
        expectedToDate: round2(toDate),
        status: status(value, toDate),
      });
    }
    // A distinct count is not pro-rated: the year's 5 active volunteers are expected in full,
    // and while the year runs the count is judged only once it reaches them.
    expect(entry(scd.scorecard, 'ACTIVE_VOLUNTEERS')).toEqual({
      indicator: { code: 'ACTIVE_VOLUNTEERS' },
      value: active,
      target: 5,
      expectedToDate: 5,
      status: active >= 5 ? 'ON_TRACK' : null,
    });
    // A LEVEL indicator is not pro-rated: one hour a week means one hour a week.
    const weeks = (ELAPSED_2026 * 365) / 7;
    expect(entry(scd.scorecard, 'AVG_WEEKLY_HOURS')).toMatchObject({
      value: round2(hours / active / weeks),
      expectedToDate: 1,
      status: status(hours / active / weeks, 1),
    });
    expect(entry(scd.scorecard, 'RETENTION_RATE')).toMatchObject({ target: null, status: null });
  });
});

describe('scenario 3: one Civil Defense program with its economic value', () => {
  it('values the program and each volunteer', async () => {
    const result = await graph.query(`{
      program(id: "SCD-00001") {
        verifiedHours
        economicValue { sar tableVersion bySkill { skillCode hours sar skill { name { en } } } }
        teamLeads { volunteer { id economicValue { sar } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const program = result.data.program;
    const programLogs = logs.filter((log) => log.of.programId === 'SCD-00001');
    expect(program.economicValue.sar).toBe(valueOf(programLogs));
    expect(program.economicValue.tableVersion).toBe(tableVersion);
    expect(
      program.economicValue.bySkill.map(
        (line: { skill: { name: { en: string } } }) => line.skill.name.en,
      ),
    ).toEqual(['Ambulance workers', 'Fire-fighters']);
    for (const lead of program.teamLeads) {
      expect(lead.volunteer.economicValue.sar).toBe(
        valueOf(logs.filter((log) => log.of.volunteerId === lead.volunteer.id)),
      );
    }
  });
});

describe('scenario 4: the national scorecard for 2026, by region', () => {
  it('answers in one request', async () => {
    const result = await graph.query(`{
      nationalPeriod(period: "2026") {
        activeVolunteers
        economicValue { sar }
        ${SCORECARD}
        regions { regionCode region { name { en } } economicValue { sar } ${SCORECARD} }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const nation = result.data.nationalPeriod;
    const nationalActive = new Set(in2026.map((log) => log.of.volunteerId)).size;
    expect(nation.activeVolunteers).toBe(nationalActive);
    expect(nation.economicValue.sar).toBe(valueOf(in2026));
    // A million distinct volunteers in the year: not reached yet, judged when 2026 ends.
    expect(entry(nation.scorecard, 'ACTIVE_VOLUNTEERS')).toEqual({
      indicator: { code: 'ACTIVE_VOLUNTEERS' },
      value: nationalActive,
      target: 1_000_000,
      expectedToDate: 1_000_000,
      status: null,
    });
    // Reached already: a distinct count never falls, so it is ON_TRACK before the year ends.
    expect(entry(nation.scorecard, 'REGISTERED_VOLUNTEERS')).toMatchObject({
      value: fixture.volunteers.length,
      target: 6,
      expectedToDate: 6,
      status: 'ON_TRACK',
    });

    expect(nation.regions).toHaveLength(13);
    const riyadh = nation.regions.find((r: { regionCode: string }) => r.regionCode === 'SA-01');
    const riyadhLogs = in2026.filter((log) => programOf(log.of).regionCode === 'SA-01');
    const riyadhHours = sum(riyadhLogs.map((log) => log.hours));
    expect(riyadh.region.name.en).toBe('Riyadh');
    expect(riyadh.economicValue.sar).toBe(valueOf(riyadhLogs));
    expect(entry(riyadh.scorecard, 'VERIFIED_HOURS')).toMatchObject({
      value: riyadhHours,
      target: 50,
      status: status(riyadhHours, 50 * ELAPSED_2026),
    });
    const riyadhActive = new Set(riyadhLogs.map((log) => log.of.volunteerId));
    const leads = new Set(
      riyadhLogs.filter((log) => log.of.role === 'TEAM_LEAD').map((log) => log.of.volunteerId),
    );
    const ratio = (100 * leads.size) / riyadhActive.size;
    expect(entry(riyadh.scorecard, 'TEAM_LEAD_RATIO')).toMatchObject({
      value: round2(ratio),
      expectedToDate: 50,
      status: status(ratio, 50),
    });
    expect(entry(riyadh.scorecard, 'REGISTERED_VOLUNTEERS').value).toBe(
      fixture.volunteers.filter((v) => v.regionCode === 'SA-01').length,
    );
  });
});
