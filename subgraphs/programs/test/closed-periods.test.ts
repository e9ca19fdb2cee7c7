import type { Caller } from '@sahem/kit';
import { callers, expectGraphQLError } from '@sahem/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HourLog } from '../src/__generated__/prisma/client.ts';
import { aParticipation, anHourLog, aProgram, UPDATE_PROGRAM, VERIFY_HOURS } from './fixtures.ts';
import { NOW, useProgramsSubgraph } from './programsSubgraph.ts';

// Defect 7 of issue 11: hours verified after a quarter closed moved its figures, and a period
// could not be closed. Today is 2026-06-15 (NOW); the agency T90 closes 2026-Q1.
const subgraph = useProgramsSubgraph();

const CLOSE = /* GraphQL */ `
  mutation Close($agencyCode: ID!, $period: String!) {
    closePeriod(agencyCode: $agencyCode, period: $period) {
      agencyCode
      period
      closedAt
    }
  }
`;

const FIGURES = /* GraphQL */ `
  query Figures($period: String!) {
    agencyPeriod(agencyCode: "T90", period: $period) {
      activeVolunteers
      activeTeamLeads
      verifiedHours
      verifiedHoursBySkill {
        skillCode
        hours
      }
      beneficiaries
      programsRun
      closedAt
      hoursVerifiedAfterClose
    }
    nationalPeriod(period: $period) {
      verifiedHours
      beneficiaries
      closedAgencies
      hoursVerifiedAfterClose
    }
  }
`;

const figures = async (period: string) => {
  const result = await subgraph.run(FIGURES, { period });
  expect(result.errors).toBeUndefined();
  return result.data as {
    agencyPeriod: Record<string, unknown>;
    nationalPeriod: Record<string, unknown>;
  };
};

// 166 days of 2026 have elapsed on June 15: ten beneficiaries a day so far.
const SERVED = 1_660;
let programId: string;
let late: HourLog;
let lateInQ2: HourLog;

beforeAll(async () => {
  const program = await aProgram(subgraph, {
    agencyCode: 'T90',
    regionCode: 'SA-03',
    beneficiariesServed: SERVED,
  });
  programId = program.id;
  const lead = await aParticipation(subgraph, program, { status: 'ACTIVE', role: 'TEAM_LEAD' });
  await anHourLog(subgraph, lead, { date: '2026-02-10', hours: 5, verified: true });
  await anHourLog(subgraph, lead, { date: '2026-04-02', hours: 2, verified: true });
  late = await anHourLog(subgraph, lead, { date: '2026-03-05', hours: 3 });
  lateInQ2 = await anHourLog(subgraph, lead, { date: '2026-05-20', hours: 1.5 });
});

describe('closing a period', () => {
  it('refuses what cannot be closed, writing nothing', async () => {
    const refusals: [Record<string, string>, Caller, string, string?][] = [
      // Q2 ends on June 30: a running period is not closed.
      [{ agencyCode: 'T90', period: '2026-Q2' }, callers.admin, 'BAD_USER_INPUT', 'period'],
      [{ agencyCode: 'T90', period: '2026-13' }, callers.admin, 'BAD_USER_INPUT', 'period'],
      [{ agencyCode: 'ZZZ', period: '2026-Q1' }, callers.admin, 'BAD_USER_INPUT', 'agencyCode'],
      [{ agencyCode: 'T89', period: '2026-Q1' }, callers.admin, 'NOT_FOUND', 'agencyCode'],
      [{ agencyCode: 'T90', period: '2026-Q1' }, callers.analyst, 'FORBIDDEN'],
      [{ agencyCode: 'T90', period: '2026-Q1' }, callers.officer('T90'), 'FORBIDDEN'],
    ];
    for (const [variables, caller, code, field] of refusals) {
      expectGraphQLError(await subgraph.run(CLOSE, variables, caller), code, field);
    }
    expect(await subgraph.db.prisma.periodClose.count()).toBe(0);
    expect(await subgraph.db.prisma.closedPeriodProgram.count()).toBe(0);
  });

  it('closes the quarter and its months, and the figures read as before', async () => {
    const before = await figures('2026-Q1');
    expect(before.agencyPeriod).toMatchObject({
      activeVolunteers: 1,
      verifiedHours: 5,
      beneficiaries: 900,
      programsRun: 1,
      closedAt: null,
    });
    const result = await subgraph.run(CLOSE, { agencyCode: 'T90', period: '2026-Q1' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.closePeriod).toEqual({
      agencyCode: 'T90',
      period: '2026-Q1',
      closedAt: NOW.toISOString(),
    });
    const after = await figures('2026-Q1');
    expect(after.agencyPeriod).toEqual({ ...before.agencyPeriod, closedAt: NOW.toISOString() });
    expect(after.nationalPeriod.closedAgencies).toEqual(['T90']);
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      expect((await figures(month)).agencyPeriod.closedAt).toBe(NOW.toISOString());
    }
    expect((await figures('2026-04')).agencyPeriod.closedAt).toBeNull();
    expect((await figures('2026')).nationalPeriod.closedAgencies).toEqual([]);
  });

  it('refuses to close it, or a month within it, again', async () => {
    for (const period of ['2026-Q1', '2026-02']) {
      expectGraphQLError(
        await subgraph.run(CLOSE, { agencyCode: 'T90', period }),
        'CONFLICT',
        'period',
      );
    }
  });
});

describe('a closed period', () => {
  it('does not move when its hours are verified late or its programs change', async () => {
    const closed = await figures('2026-Q1');
    for (const log of [late, lateInQ2]) {
      const verified = await subgraph.run(
        VERIFY_HOURS,
        { hourLogId: log.id, verifiedBy: 'officer-2' },
        callers.officer('T90'),
      );
      expect(verified.errors).toBeUndefined();
    }
    await subgraph.db.prisma.program.update({
      where: { id: programId },
      data: { beneficiariesServed: 4_980 },
    });
    const now = await figures('2026-Q1');
    expect(now.agencyPeriod).toEqual({ ...closed.agencyPeriod, hoursVerifiedAfterClose: 3 });
    expect(now.nationalPeriod).toEqual({ ...closed.nationalPeriod, hoursVerifiedAfterClose: 3 });
    expect((await figures('2026-03')).agencyPeriod).toMatchObject({
      verifiedHours: 0,
      hoursVerifiedAfterClose: 3,
    });
  });

  it('leaves open periods live, without the late hours of the closed one', async () => {
    // The year adds up to its quarters: the 3 hours verified after Q1 closed count in neither;
    // the 1.5 hours of open Q2 count; beneficiaries of open periods follow the program.
    expect((await figures('2026')).agencyPeriod).toMatchObject({
      verifiedHours: 5 + 2 + 1.5,
      hoursVerifiedAfterClose: 3,
      beneficiaries: 4_980,
      closedAt: null,
    });
    expect((await figures('2026-Q2')).agencyPeriod).toMatchObject({
      verifiedHours: 3.5,
      hoursVerifiedAfterClose: 0,
      beneficiaries: Math.round((4_980 * 76) / 166),
    });
  });

  it("keeps its programs' regions", async () => {
    const result = await subgraph.run(UPDATE_PROGRAM, {
      id: programId,
      input: { regionCode: 'SA-04' },
    });
    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.regionCode');
    expect(
      (await subgraph.db.prisma.program.findUniqueOrThrow({ where: { id: programId } })).regionCode,
    ).toBe('SA-03');
  });

  it('stands when verifications race the close', async () => {
    // A verification commits before the close (and counts) or after it (and is late): the
    // closed figure read right after the close is the figure read at any time later.
    const program = await aProgram(subgraph, { agencyCode: 'T91' });
    const participation = await aParticipation(subgraph, program, { status: 'ACTIVE' });
    const logs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        anHourLog(subgraph, participation, { date: `2026-01-${String(i + 10)}`, hours: 1 }),
      ),
    );
    const query = `{ agencyPeriod(agencyCode: "T91", period: "2026-01") { verifiedHours hoursVerifiedAfterClose } }`;
    const verifications = logs.map((log) =>
      subgraph.run(VERIFY_HOURS, { hourLogId: log.id, verifiedBy: 'o' }, callers.officer('T91')),
    );
    const close = await subgraph.run(CLOSE, { agencyCode: 'T91', period: '2026-01' });
    expect(close.errors).toBeUndefined();
    const atClose = (await subgraph.run(query)).data?.agencyPeriod as { verifiedHours: number };
    await Promise.all(verifications);
    const later = (await subgraph.run(query)).data?.agencyPeriod as {
      verifiedHours: number;
      hoursVerifiedAfterClose: number;
    };
    expect(later.verifiedHours).toBe(atClose.verifiedHours);
    expect(later.verifiedHours + later.hoursVerifiedAfterClose).toBe(8);
  });
});
