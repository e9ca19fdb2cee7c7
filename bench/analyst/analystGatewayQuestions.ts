/** One analyst question as the bench sends it through the gateway: a shipped client operation. */
export interface AnalystGatewayQuestion {
  /** The row title. */
  title: string;
  /**
   * A shipped client operation (`client/src/operations/analyst/<operation>.graphql`), or the
   * bench's own (`bench/operations/`) where production's cost budget refuses every way to ask.
   */
  operation: string;
  variables: Record<string, unknown>;
  /**
   * What the answer's `data` must show for the timing to mean anything, checked on the first
   * answer: a message when it does not (the run stops), undefined when it does.
   */
  check?: (data: unknown) => string | undefined;
}

interface BreakdownCellAnswer {
  gender: string | null;
  ageBand: string | null;
  suppressed: boolean;
}

/**
 * A gender × age band breakdown over stores without participant cells puts every hour in
 * UNKNOWN × UNKNOWN: one cell, a much cheaper join than the real one. The seed writes the cells
 * (and the per-agency split keeps each agency's own), so a known gender and band must show.
 */
function hasKnownCells(data: unknown): string | undefined {
  const cells =
    (data as { nationalPeriod?: { breakdown?: BreakdownCellAnswer[] } } | null)?.nationalPeriod
      ?.breakdown ?? [];
  const known = cells.filter(
    (cell) => !cell.suppressed && cell.gender !== 'UNKNOWN' && cell.ageBand !== 'UNKNOWN',
  );
  return known.length > 0
    ? undefined
    : `no cell of a known gender and age band among ${cells.length}: the stores have no participant cells`;
}

/**
 * The analyst's questions of issue 11, each measured on its own through Sahem's gateway, with
 * fixed variables over the seed's 2025–2026 (the same request every time: the latency of one
 * question, not of a mix). `busiestProgram` is a Civil Defense program with participations.
 */
export function analystGatewayQuestions(busiestProgram: string): AnalystGatewayQuestion[] {
  return [
    {
      title: 'nationalTrend 2025-01..2026-10 (22 months)',
      operation: 'NationalTrend',
      variables: { from: '2025-01', to: '2026-10' },
    },
    {
      title: 'regionTrend SA-01 2025-Q1..2026-Q4 (8 quarters)',
      operation: 'RegionTrend',
      variables: { regionCode: 'SA-01', from: '2025-Q1', to: '2026-Q4' },
    },
    {
      title: 'agencyTrend SCD 2025-01..2026-10 (22 months)',
      operation: 'AgencyTrend',
      variables: { agencyCode: 'SCD', from: '2025-01', to: '2026-10' },
    },
    {
      title: 'programRanking 2026 by hours, nation, first 10',
      operation: 'ProgramLeague',
      variables: { period: '2026', orderBy: 'VERIFIED_HOURS', first: 10 },
    },
    {
      title: 'programRanking 2026-Q3 by beneficiaries, SA-01, first 100',
      operation: 'ProgramLeague',
      variables: { period: '2026-Q3', orderBy: 'BENEFICIARIES', regionCode: 'SA-01', first: 100 },
    },
    {
      title: `program(${busiestProgram}).period(2026): programs' figures`,
      operation: 'ProgramFigures',
      variables: { id: busiestProgram, period: '2026' },
    },
    {
      title: 'agencyPeriods(2026-Q3) verificationBacklog (per agency)',
      operation: 'AgencyBacklog',
      variables: { period: '2026-Q3' },
    },
    {
      title: 'nationalPeriod(2026-Q3) verificationBacklog, with 13 regions',
      operation: 'NationalBacklog',
      variables: { period: '2026-Q3' },
    },
    // Breakdowns: each cell a distinct count of volunteers across the agencies' instances, merged
    // (and small cells suppressed) by the gateway; GENDER and AGE_BAND join the participant cells.
    // A breakdown over a trend or over every region is over production's cost budget: those two
    // are the bench's own operations, timed under the bench's raised budget.
    {
      title: 'nationalPeriod(2026) breakdown by AGENCY × REGION',
      operation: 'Breakdown',
      variables: { period: '2026', by: ['AGENCY', 'REGION'] },
    },
    {
      title: 'nationalPeriod(2026) breakdown by GENDER × AGE_BAND',
      operation: 'Breakdown',
      variables: { period: '2026', by: ['GENDER', 'AGE_BAND'] },
      check: hasKnownCells,
    },
    {
      title: 'nationalTrend 2025-01..2026-10 (22 months) breakdown by KIND',
      operation: 'NationalTrendBreakdown',
      variables: { from: '2025-01', to: '2026-10', by: ['KIND'] },
    },
    {
      title: 'regionPeriods(2026) breakdown by SKILL (13 regions)',
      operation: 'RegionBreakdowns',
      variables: { period: '2026', by: ['SKILL'] },
    },
  ];
}
