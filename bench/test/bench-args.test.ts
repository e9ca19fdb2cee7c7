import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/seed/parseSeedArgs.ts';
import { parseBenchArgs } from '../parseBenchArgs.ts';

describe('npm run bench arguments', () => {
  it('defaults to every workload and gateway, per agency, 1 and 32 connections, 10 s runs', () => {
    expect(parseBenchArgs([])).toMatchObject({
      scale: 1,
      history: 1,
      durationSeconds: 10,
      warmUpSeconds: 3,
      connections: [1, 32],
      workloads: ['1', '2', '3', '4', 'lookup'],
      gateways: undefined,
      direct: true,
      agencies: 'per-agency',
      callers: 64,
      samples: 8,
      profile: false,
      sqlStats: false,
      smoke: false,
      metrics: true,
      tracing: false,
      dedup: true,
      responseCache: false,
      workers: 1,
    });
  });

  it.each([
    [
      ['--smoke'],
      { scale: 0.05, durationSeconds: 0.5, warmUpSeconds: 0, connections: [4], samples: 1 },
    ],
    [['--smoke', '--duration', '2'], { scale: 0.05, durationSeconds: 2 }],
    [
      ['--scale', '4', '--duration', '5', '--warmup', '0'],
      { scale: 4, durationSeconds: 5, warmUpSeconds: 0 },
    ],
    [['--scale', '44', '--history', '3'], { scale: 44, history: 3 }],
    [['--sql-stats'], { sqlStats: true }],
    [['--connections', '8,64,8'], { connections: [8, 64] }],
    [['--only', '1,lookup'], { workloads: ['1', 'lookup'], gateways: undefined, direct: true }],
    [
      ['--only', 'sahem,hive'],
      { workloads: ['1', '2', '3', '4', 'lookup'], gateways: ['sahem', 'hive'], direct: false },
    ],
    [['--only', '3,sahem'], { workloads: ['3'], gateways: ['sahem'], direct: false }],
    [['--only', 'lookup,direct'], { workloads: ['lookup'], gateways: [], direct: true }],
    [['--agencies', 'shared'], { agencies: 'shared' }],
    [
      ['--profile', '--label', 'before', '--out', '/tmp/x'],
      { profile: true, label: 'before', out: '/tmp/x' },
    ],
    [['--metrics', 'off', '--tracing', 'on'], { metrics: false, tracing: true }],
    [
      ['--dedup', 'off', '--response-cache', 'on', '--workers', '2'],
      { dedup: false, responseCache: true, workers: 2 },
    ],
  ])('%j', (argv, expected) => {
    expect(parseBenchArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['--scale', '0'], /--scale must be a number above 0/],
    [['--scale', 'four'], /--scale must be a number/],
    [['--duration', '-1'], /--duration/],
    [['--history', '1.5'], /--history must be a whole number above 0/],
    [['--history', '0'], /--history must be a whole number above 0/],
    [['--history', '11'], /history must be a whole number from 1 to 10/],
    [['--connections', '1.5'], /--connections must be a whole number/],
    [['--only', 'router'], /--only takes workloads/],
    [['--agencies', 'each'], /--agencies must be per-agency or shared/],
    [
      ['--agencies', 'shared', '--only', 'sahem-shared'],
      /sahem-shared exists with --agencies per-agency only/,
    ],
    [['--metrics', 'yes'], /--metrics must be on or off/],
    [['--response-cache', 'yes'], /--response-cache must be on or off/],
    [['--workers', '0'], /--workers must be a whole number above 0/],
    [['--fast'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
