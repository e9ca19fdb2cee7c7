/** One analyst question as the bench sends it through the gateway: a shipped client operation. */
export interface AnalystGatewayQuestion {
  /** The row title. */
  title: string;
  /** A client operation (`client/src/operations/analyst/<operation>.graphql`). */
  operation: string;
  variables: Record<string, unknown>;
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
    // Breakdowns (agency × region, kind, skill, gender and age band) are being added by another
    // change: add their client operations here, one row each.
  ];
}
