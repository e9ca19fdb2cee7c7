import { describe, expect, it } from 'vitest';
import { packageOf, summarizeCpuProfile, type CpuProfile } from '../report/summarizeCpuProfile.ts';

const ROOT = '/repo';
const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

// root → handler (ours) → jose.verify → native `run` (WebCrypto), plus idle, GC, and the bench's
// own profiler toggle, which must not count.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 6, 7] },
    {
      id: 2,
      callFrame: frame('handle', 'file:///repo/gateway/src/auth/verifyBearer.ts', 9),
      children: [3],
    },
    {
      id: 3,
      callFrame: frame('jwtVerify', 'file:///repo/node_modules/jose/dist/webapi/jwt/verify.js', 4),
      children: [4],
    },
    { id: 4, callFrame: frame('run') },
    { id: 5, callFrame: frame('(idle)') },
    { id: 6, callFrame: frame('(garbage collector)') },
    {
      id: 7,
      callFrame: frame('toggle', 'file:///repo/bench/processes/profileOnSignal.mjs', 20),
      children: [8],
    },
    { id: 8, callFrame: frame('post', 'node:inspector', 1) },
  ],
  // µs: handle 1000, jwtVerify 2000, run 3000, idle 10000, GC 4000, profiler 50000.
  samples: [2, 3, 4, 5, 6, 8],
  timeDeltas: [1000, 2000, 3000, 10000, 4000, 50000],
};

describe('summarising a CPU profile', () => {
  const summary = summarizeCpuProfile(profile, { root: ROOT });

  it('leaves idle time and the profiler toggle out of the busy time', () => {
    expect(summary.totalMs).toBe(20);
    expect(summary.busyMs).toBe(10);
  });

  it('ranks functions by self time, as shares of the busy time', () => {
    expect(summary.self.map((line) => [line.name, line.percent])).toEqual([
      ['(garbage collector)', 40],
      ['run', 30],
      ['jwtVerify jose/dist/webapi/jwt/verify.js:5', 20],
      ['handle gateway/src/auth/verifyBearer.ts:10', 10],
    ]);
  });

  it('counts what a function called in its total time', () => {
    expect(summary.total.find((line) => line.name.startsWith('handle'))?.percent).toBe(60);
    expect(summary.total.find((line) => line.name.startsWith('jwtVerify'))?.percent).toBe(50);
  });

  it('charges native work to the package that called it', () => {
    expect(summary.packages.map((line) => [line.name, line.percent])).toEqual([
      ['jose', 50],
      ['(garbage collector)', 40],
      ['gateway/src/auth', 10],
    ]);
  });

  it('maps bundled code back to its sources', () => {
    const bundled: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        {
          id: 2,
          callFrame: frame('estimateCost', 'file:///repo/node_modules/.cache/b/gateway.mjs', 1200),
        },
      ],
      samples: [2],
      timeDeltas: [500],
    };
    const mapped = summarizeCpuProfile(bundled, {
      root: ROOT,
      resolve: (url, line) =>
        url.endsWith('gateway.mjs') && line === 1200
          ? { file: '/repo/gateway/src/limits/estimateCost.ts', line: 98 }
          : undefined,
    });
    expect(mapped.self[0]?.name).toBe('estimateCost gateway/src/limits/estimateCost.ts:98');
    expect(mapped.packages[0]?.name).toBe('gateway/src/limits');
  });
});

describe('the package of a script', () => {
  it.each([
    ['file:///repo/node_modules/@apollo/gateway/dist/index.js', '@apollo/gateway'],
    ['/repo/node_modules/pg/lib/client.js', 'pg'],
    ['/repo/node_modules/a/node_modules/@prisma/client/x.js', '@prisma/client'],
    ['/repo/gateway/src/auth/verifyBearer.ts', 'gateway/src/auth'],
    ['/repo/subgraphs/programs/src/resolvers/Program.ts', 'subgraphs/programs/src/resolvers'],
    ['node:internal/crypto/util', 'node (built-in)'],
    ['', '(V8 and native)'],
  ])('%s', (url, expected) => {
    expect(packageOf(url, ROOT)).toBe(expected);
  });
});
