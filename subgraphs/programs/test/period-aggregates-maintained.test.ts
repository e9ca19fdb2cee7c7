import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebuildPeriodAggregates } from '../src/rebuildPeriodAggregates.ts';
import {
  ACCEPT,
  aProgram,
  APPLY,
  LOG_HOURS,
  UPDATE_PROGRAM,
  VERIFY_HOURS,
  WITHDRAW,
} from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// Random sequences of the mutations that move period figures, through the server (so the
// triggers run in the mutations' own transactions); after each sequence the maintained month
// rows, the rollups kept from them, and every figure read from them must equal a full
// recomputation from the raw rows.
// Today is 2026-06-15 (NOW): hours are dated in 2026's first half, periods up to May can close.
const subgraph = useProgramsSubgraph();

const AGENCIES = ['T70', 'T71'];
const REGION_CODES = ['SA-01', 'SA-02', 'SA-03'];
const VOLUNTEERS = ['V-9000001', 'V-9000002', 'V-9000003', 'V-9000004'];
const SKILLS = ['2221', '5411'];
// Months and the periods over them (a quarter's previous period is 2025-Q4: empty on purpose).
const PERIODS = [
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-Q1',
  '2026-Q2',
  '2026',
];
const CLOSABLE = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-Q1'];

const CLOSE = /* GraphQL */ `
  mutation Close($agencyCode: ID!, $period: String!) {
    closePeriod(agencyCode: $agencyCode, period: $period) {
      period
    }
  }
`;

const FIGURES = /* GraphQL */ `
  fragment Figures on AgencyPeriod {
    activeVolunteers
    verifiedHours
    retainedVolunteers
    activeTeamLeads
    hoursVerifiedAfterClose
    verifiedHoursBySkill {
      skillCode
      hours
    }
  }
  query Figures($period: String!) {
    agencyPeriods(period: $period) {
      code: agencyCode
      ...Figures
    }
    regionPeriods(period: $period) {
      code: regionCode
      activeVolunteers
      verifiedHours
      retainedVolunteers
      activeTeamLeads
      hoursVerifiedAfterClose
      verifiedHoursBySkill {
        skillCode
        hours
      }
    }
  }
`;

type Role = 'MEMBER' | 'TEAM_LEAD';

type Command =
  | { kind: 'apply'; program: number; volunteer: number; skill: number; accept: Role | null }
  | { kind: 'accept'; participation: number; lead: boolean }
  | { kind: 'withdraw'; participation: number }
  | { kind: 'log'; participation: number; day: number; hours: number; verify: boolean }
  | { kind: 'verify'; log: number }
  | { kind: 'region'; program: number; region: number }
  | { kind: 'close'; agency: number; period: number }
  | { kind: 'erase'; log: number }
  | { kind: 'rebuild' };

const index = fc.nat({ max: 30 });
// Weighted so that most sequences log and verify hours: what the figures count.
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      program: index,
      volunteer: index,
      skill: index,
      // Mostly accepted at once (with its role), so that hours can be logged on it.
      accept: fc.constantFrom<(Role | null)[]>('MEMBER', 'MEMBER', 'TEAM_LEAD', null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      participation: index,
      lead: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('withdraw' as const), participation: index }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      participation: index,
      // Days 0 … 165 of 2026: January 1 to June 15.
      day: fc.nat({ max: 165 }),
      hours: fc.integer({ min: 1, max: 32 }).map((quarters) => quarters / 4),
      verify: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('verify' as const), log: index }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('region' as const), program: index, region: index }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('close' as const), agency: index, period: index }),
  },
  // No mutation deletes an hour log; a data correction in SQL may, and the trigger follows it.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), log: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rebuild' as const) }) },
);

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length === 0 ? undefined : list[i % list.length];

/** Runs one command; refusals (CONFLICT on a withdrawn participation, …) are part of the game. */
async function run(
  step: Command,
  state: { programs: string[]; participations: string[]; logs: string[] },
): Promise<void> {
  const data = async (query: string, variables: Record<string, unknown>) =>
    (await subgraph.run(query, variables)).data;
  switch (step.kind) {
    case 'apply': {
      const result = await data(APPLY, {
        input: {
          programId: pick(state.programs, step.program),
          volunteerId: pick(VOLUNTEERS, step.volunteer),
          skillCode: pick(SKILLS, step.skill),
        },
      });
      const id = (result?.applyToProgram as { id: string } | undefined)?.id;
      if (!id) return;
      state.participations.push(id);
      if (step.accept) await data(ACCEPT, { id, role: step.accept, joinedOn: '2026-01-01' });
      return;
    }
    case 'accept': {
      const id = pick(state.participations, step.participation);
      if (id)
        await data(ACCEPT, {
          id,
          role: step.lead ? 'TEAM_LEAD' : 'MEMBER',
          joinedOn: '2026-01-01',
        });
      return;
    }
    case 'withdraw': {
      const id = pick(state.participations, step.participation);
      if (id) await data(WITHDRAW, { id });
      return;
    }
    case 'log': {
      const participationId = pick(state.participations, step.participation);
      if (!participationId) return;
      const date = new Date(Date.UTC(2026, 0, 1 + step.day)).toISOString().slice(0, 10);
      const result = await data(LOG_HOURS, {
        input: { participationId, date, hours: step.hours, activity: 'Field work' },
      });
      const id = (result?.logHours as { id: string } | undefined)?.id;
      if (!id) return;
      state.logs.push(id);
      if (step.verify)
        await data(VERIFY_HOURS, { hourLogId: id, verifiedBy: 'officer@example.sa' });
      return;
    }
    case 'verify': {
      const hourLogId = pick(state.logs, step.log);
      if (hourLogId) await data(VERIFY_HOURS, { hourLogId, verifiedBy: 'officer@example.sa' });
      return;
    }
    case 'region': {
      const id = pick(state.programs, step.program);
      await data(UPDATE_PROGRAM, { id, input: { regionCode: pick(REGION_CODES, step.region) } });
      return;
    }
    case 'close':
      await data(CLOSE, {
        agencyCode: pick(AGENCIES, step.agency),
        period: pick(CLOSABLE, step.period),
      });
      return;
    case 'erase': {
      const id = pick(state.logs, step.log);
      if (id) await subgraph.db.pool.query('DELETE FROM "HourLog" WHERE "id" = $1', [id]);
      return;
    }
    case 'rebuild':
      await rebuildPeriodAggregates(subgraph.db.pool);
  }
}

/** The month rows as the triggers keep them, and as the raw rows say they should be. */
async function monthRows() {
  const { pool } = subgraph.db;
  const columns = `"participationId", to_char("month", 'YYYY-MM-DD') AS month, "programId",
    "volunteerId", "skillCode", "asLead", "agencyCode", "regionCode",
    "logs", "hours"::text, "lateLogs", "lateHours"::text`;
  const maintained = await pool.query(`SELECT ${columns} FROM "ParticipationMonth" ORDER BY 1, 2`);
  const recomputed = await pool.query(`
    SELECT ${columns} FROM (
      SELECT h."participationId", date_trunc('month', h."date")::date AS "month",
             pa."programId", pa."volunteerId", pa."skillCode", pa."role" = 'TEAM_LEAD' AS "asLead",
             pr."agencyCode", pr."regionCode",
             (count(*) FILTER (WHERE h."verified" AND NOT h."verifiedAfterClose"))::int AS "logs",
             coalesce(sum(h."hours") FILTER (WHERE h."verified" AND NOT h."verifiedAfterClose"), 0)::numeric(10,2) AS "hours",
             (count(*) FILTER (WHERE h."verifiedAfterClose"))::int AS "lateLogs",
             coalesce(sum(h."hours") FILTER (WHERE h."verifiedAfterClose"), 0)::numeric(10,2) AS "lateHours"
        FROM "HourLog" h JOIN "Participation" pa ON pa."id" = h."participationId"
        JOIN "Program" pr ON pr."id" = pa."programId"
       WHERE h."verified" OR h."verifiedAfterClose"
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) raw
     ORDER BY 1, 2`);
  return { maintained: maintained.rows, recomputed: recomputed.rows };
}

/**
 * The rollups (`PeriodMember`, `PeriodTotal`, `PeriodSkillHours`) as the triggers keep them,
 * and as a rebuild from the month rows makes them, in a transaction rolled back after.
 */
async function rollupRows() {
  const read = async (client: { query(text: string): Promise<{ rows: unknown[] }> }) => {
    const period = `"scope", "code", "grain", to_char("start", 'YYYY-MM-DD') AS start`;
    const rows = [];
    for (const statement of [
      `SELECT ${period}, "volunteerId", "logs", "leadLogs" FROM "PeriodMember"
        ORDER BY 1, 2, 3, 4, 5`,
      `SELECT ${period}, "activeVolunteers", "activeTeamLeads", "retainedVolunteers"
         FROM "PeriodTotal" ORDER BY 1, 2, 3, 4`,
      `SELECT ${period}, "skillCode", "logs", "hours"::text, "lateLogs", "lateHours"::text
         FROM "PeriodSkillHours" ORDER BY 1, 2, 3, 4, 5`,
    ]) {
      rows.push((await client.query(statement)).rows);
    }
    return rows;
  };
  const client = await subgraph.db.pool.connect();
  try {
    await client.query('BEGIN');
    const maintained = await read(client);
    await client.query('SELECT "rebuild_period_rollups"()');
    const rebuilt = await read(client);
    return { maintained, rebuilt };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

interface Figures {
  code: string;
  activeVolunteers: number;
  verifiedHours: number;
  retainedVolunteers: number;
  activeTeamLeads: number;
  hoursVerifiedAfterClose: number;
  verifiedHoursBySkill: { skillCode: string; hours: number }[];
}

/**
 * The figures of every agency and region in `period` computed from the hour logs themselves,
 * by the rules of the README (independently of `periodStats.ts`): the oracle.
 */
async function figuresFromRawRows(start: string, end: string, prevStart: string) {
  const { rows } = await subgraph.db.pool.query<{
    dimension: string;
    code: string;
    volunteerId: string;
    inPeriod: boolean;
    asLead: boolean;
    skillCode: string;
    hours: string;
    late: boolean;
  }>(
    `SELECT d.dimension, d.code, pa."volunteerId", h."date" >= $1::date AS "inPeriod",
            pa."role" = 'TEAM_LEAD' AS "asLead", pa."skillCode", h."hours"::text AS hours,
            h."verifiedAfterClose" AS late
       FROM "HourLog" h
       JOIN "Participation" pa ON pa."id" = h."participationId"
       JOIN "Program" p ON p."id" = pa."programId"
       CROSS JOIN LATERAL (VALUES ('agency', p."agencyCode"), ('region', p."regionCode")) d(dimension, code)
      WHERE h."verified" AND h."date" >= $3::date AND h."date" < $2::date`,
    [start, end, prevStart],
  );
  const result = new Map<string, Figures>();
  const sets = new Map<
    string,
    { active: Set<string>; previous: Set<string>; leads: Set<string> }
  >();
  for (const row of rows) {
    const key = `${row.dimension} ${row.code}`;
    const figures =
      result.get(key) ??
      ({
        code: row.code,
        activeVolunteers: 0,
        verifiedHours: 0,
        retainedVolunteers: 0,
        activeTeamLeads: 0,
        hoursVerifiedAfterClose: 0,
        verifiedHoursBySkill: [],
      } satisfies Figures);
    result.set(key, figures);
    const set = sets.get(key) ?? { active: new Set(), previous: new Set(), leads: new Set() };
    sets.set(key, set);
    const hours = Number(row.hours);
    if (row.late) {
      if (row.inPeriod) figures.hoursVerifiedAfterClose += hours;
      continue;
    }
    if (!row.inPeriod) {
      set.previous.add(row.volunteerId);
      continue;
    }
    set.active.add(row.volunteerId);
    if (row.asLead) set.leads.add(row.volunteerId);
    figures.verifiedHours += hours;
    const skill = figures.verifiedHoursBySkill.find((one) => one.skillCode === row.skillCode);
    if (skill) skill.hours += hours;
    else figures.verifiedHoursBySkill.push({ skillCode: row.skillCode, hours });
  }
  for (const [key, figures] of result) {
    const set = sets.get(key)!;
    figures.activeVolunteers = set.active.size;
    figures.activeTeamLeads = set.leads.size;
    figures.retainedVolunteers = [...set.active].filter((id) => set.previous.has(id)).length;
    figures.verifiedHoursBySkill.sort((a, b) => a.skillCode.localeCompare(b.skillCode));
  }
  return result;
}

const BOUNDS: Record<string, [string, string, string]> = {
  '2026-01': ['2026-01-01', '2026-02-01', '2025-12-01'],
  '2026-02': ['2026-02-01', '2026-03-01', '2026-01-01'],
  '2026-03': ['2026-03-01', '2026-04-01', '2026-02-01'],
  '2026-04': ['2026-04-01', '2026-05-01', '2026-03-01'],
  '2026-05': ['2026-05-01', '2026-06-01', '2026-04-01'],
  '2026-06': ['2026-06-01', '2026-07-01', '2026-05-01'],
  '2026-Q1': ['2026-01-01', '2026-04-01', '2025-10-01'],
  '2026-Q2': ['2026-04-01', '2026-07-01', '2026-01-01'],
  '2026': ['2026-01-01', '2027-01-01', '2025-01-01'],
};

/** Rounds what float sums of quarter hours may leave, and orders the skills. */
const normal = (figures: Figures): Figures => ({
  ...figures,
  verifiedHours: Math.round(figures.verifiedHours * 100) / 100,
  hoursVerifiedAfterClose: Math.round(figures.hoursVerifiedAfterClose * 100) / 100,
  verifiedHoursBySkill: [...figures.verifiedHoursBySkill]
    .map((one) => ({ skillCode: one.skillCode, hours: Math.round(one.hours * 100) / 100 }))
    .sort((a, b) => a.skillCode.localeCompare(b.skillCode)),
});

async function expectFiguresOfRawRows(): Promise<void> {
  for (const period of PERIODS) {
    const result = await subgraph.run(FIGURES, { period });
    expect(result.errors).toBeUndefined();
    const served = result.data as { agencyPeriods: Figures[]; regionPeriods: Figures[] };
    const oracle = await figuresFromRawRows(...BOUNDS[period]!);
    const expected = (dimension: string, code: string): Figures =>
      oracle.get(`${dimension} ${code}`) ?? {
        code,
        activeVolunteers: 0,
        verifiedHours: 0,
        retainedVolunteers: 0,
        activeTeamLeads: 0,
        hoursVerifiedAfterClose: 0,
        verifiedHoursBySkill: [],
      };
    const ours = served.agencyPeriods.filter((one) => AGENCIES.includes(one.code));
    expect(ours.map(normal), period).toEqual(
      ours.map((one) => normal(expected('agency', one.code))),
    );
    expect(served.regionPeriods.map(normal), period).toEqual(
      served.regionPeriods.map((one) => normal(expected('region', one.code))),
    );
  }
}

describe('period aggregates maintained by the writes', () => {
  it('equal a full recomputation from the raw rows after any sequence of mutations', async () => {
    const { pool } = subgraph.db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 10, maxLength: 30, size: 'max' }),
        async (commands) => {
          // Each sequence starts from nothing (the truncate trigger empties the month rows too).
          await pool.query(
            'TRUNCATE "HourLog", "Participation", "ClosedPeriodProgram", "PeriodClose", "IdempotencyKey"',
          );
          await pool.query(`DELETE FROM "Program" WHERE "agencyCode" = ANY($1)`, [AGENCIES]);
          const programs = [];
          for (const [i, agencyCode] of [AGENCIES[0]!, AGENCIES[0]!, AGENCIES[1]!].entries()) {
            programs.push(
              (
                await aProgram(subgraph, {
                  id: `${agencyCode}-0000${i}`,
                  agencyCode,
                  regionCode: REGION_CODES[i % 2]!,
                  beneficiariesServed: 100,
                })
              ).id,
            );
          }
          const state = { programs, participations: [] as string[], logs: [] as string[] };
          for (const step of commands) await run(step, state);
          const { maintained, recomputed } = await monthRows();
          expect(maintained).toEqual(recomputed);
          const rollups = await rollupRows();
          expect(rollups.maintained).toEqual(rollups.rebuilt);
          await expectFiguresOfRawRows();
        },
      ),
      { numRuns: 30, interruptAfterTimeLimit: 50_000 },
    );
  }, 120_000);
});
