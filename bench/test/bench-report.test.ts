import { describe, expect, it } from 'vitest';
import type { BenchReport, RunRecord, TargetId } from '../report/BenchReport.ts';
import { formatReport, readable, targetLines } from '../report/formatReport.ts';
import { renderChart } from '../report/renderChart.ts';

const run = (
  workload: RunRecord['workload'],
  target: TargetId,
  connections: number,
  values: { rps: number; p50: number; gateway: number | null; subgraphs?: number },
): RunRecord => ({
  workload,
  title: `${workload} Title`,
  target,
  connections,
  load: {
    responses: values.rps * 10,
    sent: values.rps * 10,
    seconds: 10,
    requestsPerSecond: values.rps,
    latencyMs: {
      p50: values.p50,
      p95: values.p50 * 2,
      p99: values.p50 * 3,
      mean: values.p50,
      max: values.p50 * 4,
    },
    non2xx: target === 'hive' ? 2 : 0,
    graphqlErrors: 0,
    transportErrors: 0,
  },
  cpuMsPerRequest: {
    gateway: values.gateway,
    subgraphs: values.subgraphs ?? 20,
    postgres: 3,
    audit: target === 'sahem' ? 0.5 : null,
  },
  sqlPerRequest: 7,
  gatewayPeakRssMb: values.gateway === null ? null : 150,
  answers: target === 'sahem' ? { state: 'reference' } : { state: 'equal' },
});

const report: BenchReport = {
  startedAt: '2026-12-01T00:00:00.000Z',
  label: 'scale1-shared',
  scale: 1,
  volunteers: 5000,
  layout: 'shared',
  smoke: false,
  profiled: false,
  machine: {
    node: 'v20',
    cpus: 2,
    cpuModel: 'CPU',
    memoryGb: 24,
    loadAverage: { start: '0.1', end: '0.2' },
  },
  pinning: { gateway: 0, rest: 1 },
  durationSeconds: 10,
  warmUpSeconds: 3,
  connections: [1, 32],
  callers: 64,
  targets: ['sahem', 'apollo', 'hive', 'direct'],
  variables: { '1 Title': { distinct: 32, example: { period: '2026' } } },
  startup: {
    postgresMs: 1,
    migrateMs: 1,
    seedMs: 1,
    subgraphsMs: 1,
    gatewaysMs: 1,
    totalMs: 5,
  },
  runs: [
    run('1', 'sahem', 32, { rps: 40, p50: 700, gateway: 11 }),
    run('1', 'apollo', 32, { rps: 44, p50: 650, gateway: 8.8 }),
    run('1', 'hive', 32, { rps: 42, p50: 680, gateway: 10 }),
    run('lookup', 'sahem', 1, { rps: 300, p50: 3, gateway: 1.4 }),
    run('lookup', 'direct', 1, { rps: 450, p50: 2, gateway: null }),
    run('lookup', 'sahem', 32, { rps: 600, p50: 50, gateway: 1.4 }),
    run('lookup', 'apollo', 32, { rps: 900, p50: 35, gateway: 0.9 }),
  ],
  subgraphPeakRssMb: { volunteers: 180 },
};

describe('the bench report', () => {
  it.each([
    [0, '0'],
    [0.123, '0.12'],
    [9.876, '9.88'],
    [43.21, '43.2'],
    [1234.5, '1235'],
  ])('writes %d as %s', (value, text) => {
    expect(readable(value)).toBe(text);
  });

  const markdown = formatReport(report, 'chart.svg');

  it('has one table per concurrency, a row per run, and the chart', () => {
    expect(markdown).toContain('## 1 connection\n');
    expect(markdown).toContain('## 32 connections\n');
    expect(markdown).toContain('![requests per second and CPU per request](chart.svg)');
    expect(markdown).toContain(
      '| 1 Title | sahem | 40.0 | 700 | 1400 | 2100 | 0 | reference | 11.0 | 20.0 | 3.00 | 0.50 | 7.00 | 150 |',
    );
    expect(markdown).toContain(
      '| 1 Title | hive | 42.0 | 680 | 1360 | 2040 | **2** (2 non-2xx) | equal | 10.0 |',
    );
    expect(markdown).toContain(
      '| lookup Title | direct | 450 | 2.00 | 4.00 | 6.00 | 0 | equal | – |',
    );
  });

  it('shows sketch estimates within their tolerance as approximate, with the largest deviation', () => {
    const approximate: RunRecord = {
      ...run('4', 'sahem', 1, { rps: 3, p50: 300, gateway: 40 }),
      answers: {
        state: 'approximate',
        maxDeviation: 1 / 243,
        at: '[3].nationalPeriod.activeVolunteers: 243 ≠ 242',
        tippedStatuses: 1,
      },
    };
    expect(formatReport({ ...report, runs: [approximate] }, 'chart.svg')).toContain(
      '| 0 | approximate (max deviation 0.41 %, 1 status tipped) |',
    );
  });

  it('names the statements of most PostgreSQL time per run, cut and escaped for the table', () => {
    const withSql: RunRecord = {
      ...run('4', 'sahem', 1, { rps: 3, p50: 300, gateway: 40 }),
      topSql: [
        {
          database: 'volunteers',
          callsPerRequest: 14,
          msPerRequest: 120.5,
          meanMs: 8.61,
          query: `SELECT count(*) FROM "Volunteer" v WHERE a | b AND \`x\` ${'AND true '.repeat(30)}`,
        },
      ],
    };
    const text = formatReport({ ...report, runs: [withSql] }, 'chart.svg');
    expect(text).toContain('## SQL that took the time (`--sql-stats`)');
    expect(text).toContain('### 4 Title · sahem · 1 connection');
    expect(text).toMatch(
      /\| volunteers \| 14\.0 \| 121 \| 8\.61 \| `SELECT count\(\*\) FROM "Volunteer" v WHERE a \\\| b AND 'x' AND true [^`]*…` \|/,
    );
    expect(markdown).not.toContain('SQL that took the time');
  });

  it('states each target of the issue with what was measured', () => {
    const lines = targetLines(report);
    expect(lines).toContain(
      '- Gateway CPU per request, `sahem` ÷ `apollo` (target ≤ 1×), 32 connections: 1: 1.25×, lookup: 1.56×',
    );
    expect(lines).toContain(
      '- Gateway CPU per request, `sahem` ÷ `hive` (target ≤ 0.67×), 32 connections: 1: 1.10×',
    );
    expect(lines).toContain(
      '- Lookup p50 through `sahem` ÷ the subgraph directly (target ≤ 1.2×), 1 connection: 3.00 ms ÷ 2.00 ms = 1.50×',
    );
    expect(
      lines.some((line) => line.includes('Scenarios 1 and 2') && line.includes('1: 40.0 req/s')),
    ).toBe(true);
  });

  it('names the history depth in the header when it is not the default', () => {
    expect(markdown).toContain('scale 1 (5,000 volunteers)');
    expect(formatReport({ ...report, scale: 44, history: 3 }, 'chart.svg')).toContain(
      'scale 44, history 3 (5,000 volunteers)',
    );
  });

  it('states how the run was made fair, pinning included', () => {
    expect(markdown).toContain('the gateway under test alone on core 0');
    expect(markdown).toContain('Sahem pays for its security, the peers do not');
  });

  it('draws a bar per run of the chosen concurrency, values printed', () => {
    const svg = renderChart(report.runs, 32);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // 5 runs at 32 connections: a throughput bar each, and a CPU bar (its first segment at the axis).
    expect(svg.match(/<rect x="120\.0"/g)).toHaveLength(5 + 5);
    expect(svg).toContain('>900</text>');
    expect(svg).not.toContain('>450</text>'); // the direct run had 1 connection
  });
});
