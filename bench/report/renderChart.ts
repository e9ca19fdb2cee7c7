import type { RunRecord } from './BenchReport.ts';
import { readable } from './formatReport.ts';

const WIDTH = 960;
const LABEL = 120;
const BAR = 14;
const GAP = 4;
const GROUP_GAP = 14;
const PANEL_GAP = 36;
const TARGET_COLORS = ['#1f6feb', '#8250df', '#bf8700', '#cf222e', '#1a7f37'];
/** Stacked CPU parts, in the order drawn. */
const CPU_PARTS = [
  { key: 'gateway', label: 'gateway', color: '#1f6feb' },
  { key: 'subgraphs', label: 'subgraphs', color: '#bf8700' },
  { key: 'postgres', label: 'PostgreSQL', color: '#1a7f37' },
  { key: 'audit', label: 'audit DB', color: '#8250df' },
] as const;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Panel {
  title: string;
  /** Rows grouped by workload; each bar has stacked segments. */
  groups: {
    title: string;
    bars: { label: string; segments: { value: number; color: string }[] }[];
  }[];
  legend: { label: string; color: string }[];
}

function drawPanel(panel: Panel, top: number): { svg: string[]; height: number } {
  const svg: string[] = [];
  let y = top;
  svg.push(
    `<text x="0" y="${y + 14}" font-size="15" font-weight="bold">${escape(panel.title)}</text>`,
  );
  let x = WIDTH;
  for (const item of [...panel.legend].reverse()) {
    x -= 12 + item.label.length * 7 + 16;
    svg.push(
      `<rect x="${x}" y="${y + 3}" width="12" height="12" fill="${item.color}"/>`,
      `<text x="${x + 16}" y="${y + 14}" font-size="12">${escape(item.label)}</text>`,
    );
  }
  y += 26;
  const span = WIDTH - LABEL - 70;
  for (const group of panel.groups) {
    svg.push(
      `<text x="0" y="${y + 12}" font-size="13" font-weight="bold">${escape(group.title)}</text>`,
    );
    y += 18;
    // Each workload has its own scale: a lookup at thousands a second would flatten scenario 3.
    const max = Math.max(
      ...group.bars.map((bar) => bar.segments.reduce((sum, segment) => sum + segment.value, 0)),
      1e-9,
    );
    for (const bar of group.bars) {
      svg.push(
        `<text x="${LABEL - 6}" y="${y + BAR - 3}" font-size="12" text-anchor="end">${escape(bar.label)}</text>`,
      );
      let at = LABEL;
      for (const segment of bar.segments) {
        const width = (segment.value / max) * span;
        if (width > 0) {
          svg.push(
            `<rect x="${at.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${segment.color}"/>`,
          );
        }
        at += width;
      }
      const total = bar.segments.reduce((sum, segment) => sum + segment.value, 0);
      svg.push(
        `<text x="${(at + 4).toFixed(1)}" y="${y + BAR - 3}" font-size="12">${readable(total)}</text>`,
      );
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  return { svg, height: y - top };
}

/**
 * A self-contained SVG of one concurrency's runs: requests per second per workload and gateway,
 * and CPU milliseconds per request split into gateway, subgraphs, PostgreSQL and audit trail.
 * Each workload is scaled on its own (the values are printed at the end of each bar).
 */
export function renderChart(runs: readonly RunRecord[], connections: number): string {
  const chosen = runs.filter((run) => run.connections === connections);
  const targets = [...new Set(chosen.map((run) => run.target))];
  const color = (target: string) =>
    TARGET_COLORS[targets.indexOf(target as never) % TARGET_COLORS.length]!;
  const workloads = [...new Set(chosen.map((run) => run.title))];
  const byWorkload = (title: string) => chosen.filter((run) => run.title === title);
  const throughput: Panel = {
    title: `Requests per second, ${connections} connection${connections > 1 ? 's' : ''} (higher is better)`,
    legend: targets.map((target) => ({ label: target, color: color(target) })),
    groups: workloads.map((title) => ({
      title,
      bars: byWorkload(title).map((run) => ({
        label: run.target,
        segments: [{ value: run.load.requestsPerSecond, color: color(run.target) }],
      })),
    })),
  };
  const cpu: Panel = {
    title: 'CPU milliseconds per request (lower is better)',
    legend: CPU_PARTS.map((part) => ({ label: part.label, color: part.color })),
    groups: workloads.map((title) => ({
      title,
      bars: byWorkload(title).map((run) => ({
        label: run.target,
        segments: CPU_PARTS.map((part) => ({
          value: run.cpuMsPerRequest[part.key] ?? 0,
          color: part.color,
        })),
      })),
    })),
  };
  const first = drawPanel(throughput, 0);
  const second = drawPanel(cpu, first.height + PANEL_GAP);
  const height = first.height + PANEL_GAP + second.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...first.svg,
    ...second.svg,
    '</svg>',
    '',
  ].join('\n');
}
