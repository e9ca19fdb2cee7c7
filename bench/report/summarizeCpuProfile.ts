import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

/** One line of a summary: a function or a package and the time spent in it. */
export interface ProfileLine {
  name: string;
  ms: number;
  /** Share of the busy time (samples outside `(idle)`). */
  percent: number;
}

/** Where a profiled process spent its time. */
export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  /** Functions by self time: the frame on top of the stack. */
  self: ProfileLine[];
  /** Functions by total time (self and everything they called), each counted once per sample. */
  total: ProfileLine[];
  /** Time by package (`@apollo/gateway`, `pg`, `gateway/src/auth`, `(garbage collector)`). */
  packages: ProfileLine[];
}

const SPECIAL = /^\((idle|program|garbage collector|root)\)$/;

/** Maps a position in a script (0-based line and column) to its source, when it has a map. */
export type SourceResolver = (
  url: string,
  line: number,
  column: number,
) => { file: string; line: number } | undefined;

/**
 * A {@link SourceResolver} for the bundles in `dir`: reads each `<bundle>.map` once and maps
 * positions back to our TypeScript sources, so a profile of a bundle names `gateway/src/…`.
 */
export function bundleSourceResolver(dir: string): SourceResolver {
  const maps = new Map<string, SourceMap | null>();
  return (url, line, column) => {
    const file = url.replace(/^file:\/\//, '');
    if (!file.startsWith(dir)) return undefined;
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    const entry = map?.findEntry(line, column);
    if (!entry || !('originalSource' in entry)) return undefined;
    const source = entry.originalSource.replace(/^file:\/\//, '');
    return { file: path.resolve(path.dirname(file), source), line: entry.originalLine + 1 };
  };
}

/** The package or our folder a script belongs to: `@prisma/client`, `gateway/src/auth`, `node:internal`. */
export function packageOf(url: string, root = ''): string {
  if (!url) return '(V8 and native)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const relative = root ? path.relative(root, file) : file;
  const folders = relative.split('/').slice(0, -1);
  // `gateway/src/auth`, `subgraphs/programs/src/resolvers`: deep enough to say which feature.
  return folders.slice(0, folders[0] === 'subgraphs' ? 4 : 3).join('/') || relative;
}

type Frame = CpuProfile['nodes'][number]['callFrame'] & { columnNumber?: number };

/** Where a frame's code is: its source through the resolver, else the script as run. */
function locate(frame: Frame, resolve: SourceResolver | undefined) {
  const mapped = frame.url
    ? resolve?.(frame.url, frame.lineNumber, frame.columnNumber ?? 0)
    : undefined;
  return mapped ?? { file: frame.url.replace(/^file:\/\//, ''), line: frame.lineNumber + 1 };
}

function frameName(frame: Frame, root: string, resolve: SourceResolver | undefined): string {
  const name = frame.functionName || '(anonymous)';
  if (SPECIAL.test(name) || !frame.url) return name;
  const { file, line } = locate(frame, resolve);
  const modules = file.lastIndexOf('/node_modules/');
  const where =
    modules >= 0
      ? file.slice(modules + '/node_modules/'.length)
      : root && file.startsWith('/')
        ? path.relative(root, file)
        : file;
  return `${name} ${where}:${line}`;
}

/** Options of {@link summarizeCpuProfile}. */
export interface SummaryOptions {
  /** Paths are shown relative to it. @default absolute */
  root?: string;
  /** Maps bundled code back to its sources. */
  resolve?: SourceResolver;
  /** Lines per list. @default 15 */
  top?: number;
}

/**
 * Summarises a CPU profile: the top functions by self and by total time, and the time by
 * package, as shares of the busy time (idle samples left out, and the bench's own profiler
 * toggle too), for the engineers who will make the hot paths cheaper. By package, native and
 * Node built-in frames (crypto, sockets) are charged to the package whose code called them.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  options: SummaryOptions = {},
): ProfileSummary {
  const { root = '', resolve, top = 15 } = options;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  const names = new Map<number, string>();
  const nameOf = (id: number) => {
    let name = names.get(id);
    if (name === undefined)
      names.set(id, (name = frameName(byId.get(id)!.callFrame, root, resolve)));
    return name;
  };
  const packageOfNode = new Map<number, string>();
  const chargedTo = (id: number): string => {
    const known = packageOfNode.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)!.callFrame;
    let charged: string;
    if (SPECIAL.test(frame.functionName)) charged = frame.functionName;
    else if (frame.url && !frame.url.startsWith('node:'))
      charged = packageOf(locate(frame, resolve).file, root);
    else {
      const up = parent.get(id);
      const above = up === undefined ? undefined : chargedTo(up);
      charged =
        above === undefined || above === '(root)'
          ? frame.url
            ? 'node (built-in)'
            : '(V8 and native)'
          : above;
    }
    packageOfNode.set(id, charged);
    return charged;
  };
  const overhead = new Map<number, boolean>();
  const isOverhead = (id: number): boolean => {
    const known = overhead.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result =
      byId.get(id)!.callFrame.url.endsWith('profileOnSignal.mjs') ||
      (up !== undefined && isOverhead(up));
    overhead.set(id, result);
    return result;
  };
  let totalUs = 0;
  let idleUs = 0;
  const add = (map: Map<string, number>, key: string, us: number) =>
    map.set(key, (map.get(key) ?? 0) + us);
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || isOverhead(id)) return;
    totalUs += us;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    add(self, nameOf(id), us);
    add(packages, chargedTo(id), us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.functionName === '(root)') break;
      const name = nameOf(at);
      if (seen.has(name)) continue;
      seen.add(name);
      add(total, name, us);
    }
  });
  const busyUs = totalUs - idleUs;
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: us / 1000,
        percent: busyUs > 0 ? (100 * us) / busyUs : 0,
      }));
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    self: lines(self),
    total: lines(total),
    packages: lines(packages),
  };
}

/** A summary as Markdown lists, under a heading naming the process and the run. */
export function formatProfileSummary(
  title: string,
  summary: ProfileSummary,
  requests: number,
): string {
  const list = (lines: ProfileLine[]) =>
    lines.map((line) => `  - ${line.percent.toFixed(1)} % · ${line.name}`).join('\n');
  return [
    `### ${title}`,
    '',
    `${(summary.busyMs / 1000).toFixed(2)} s busy of ${(summary.totalMs / 1000).toFixed(2)} s profiled${requests > 0 ? `, ${(summary.busyMs / requests).toFixed(2)} ms busy per request` : ''}.`,
    '',
    '- By package (native and built-in work charged to the caller):',
    list(summary.packages),
    '- Functions by self time:',
    list(summary.self),
    '- Functions by total time:',
    list(summary.total),
    '',
  ].join('\n');
}
