import { describe, expect, it } from 'vitest';
import { gatewayEnv } from '../src/env.ts';
import { operationKind } from '../src/resilience/operationKind.ts';
import { resilienceFromEnv } from '../src/resilience/resilienceVariables.ts';
import { DEFAULT_RESILIENCE } from '../src/resilience/ResilienceOptions.ts';
import { RetryBudget } from '../src/resilience/retryBudget.ts';
import { retryDecision, type RetryQuestion } from '../src/resilience/retryDecision.ts';
import { failedFetchPaths } from '../src/subgraphs/failedFetchPaths.ts';

describe('what a subgraph operation is', () => {
  it.each([
    ['{ volunteer(id: "1") { id } }', 'query'],
    ['query Q__volunteers__0 { volunteers { totalCount } }', 'query'],
    ['mutation M__programs__0($input: X!) { createProgram(input: $input) { id } }', 'mutation'],
    ['# a comment\n  ,mutation { logHours { id } }', 'mutation'],
    [
      '\uFEFFquery($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
      'query',
    ],
    ['subscription { ticks }', 'subscription'],
    ['fragment F on Program { id } mutation { createProgram { ...F } }', 'mutation'],
    ['fragment F on Program { id } query { program(id: "SCD-1") { ...F } }', 'query'],
    // What cannot be told safe is never retried.
    ['not graphql at all', 'mutation'],
    ['', 'mutation'],
  ])('%j is a %s', (query, kind) => {
    expect(operationKind(query)).toBe(kind);
  });
});

describe('whether a failed fetch is retried', () => {
  const base: RetryQuestion = {
    operation: 'query',
    failure: 'unreachable',
    retries: 0,
    maxRetries: 2,
    timeLeftMs: 5_000,
    maxDelayMs: 250,
    minAttemptMs: 100,
    breakerOpen: false,
  };
  it.each<[string, Partial<RetryQuestion>, boolean]>([
    ['a query whose instance refused the connection', {}, true],
    ['a query that timed out with time left', { failure: 'timeout' }, true],
    ['a query answered 503 (a subgraph draining)', { failure: 'http_error', status: 503 }, true],
    ['a query answered 502', { failure: 'http_error', status: 502 }, true],
    ['a query answered 500 (the same bug again)', { failure: 'http_error', status: 500 }, false],
    ['a query answered 504 (its deadline passed)', { failure: 'http_error', status: 504 }, false],
    ['a mutation, whatever failed', { operation: 'mutation' }, false],
    [
      'a mutation that timed out (it may have committed)',
      { operation: 'mutation', failure: 'timeout' },
      false,
    ],
    ['a subscription', { operation: 'subscription' }, false],
    ['a query refused by an open breaker', { failure: 'breaker_open' }, false],
    ['a query refused as overloaded', { failure: 'overloaded' }, false],
    ['a query whose deadline passed', { failure: 'deadline' }, false],
    ['a query while the breaker has opened', { breakerOpen: true }, false],
    ['a query out of retries', { retries: 2 }, false],
    ['a query with retries off', { maxRetries: 0 }, false],
    ['a query too close to its deadline', { timeLeftMs: 349 }, false],
    ['a query just far enough from its deadline', { timeLeftMs: 350 }, true],
  ])('%s: %s', (_, change, expected) => {
    expect(retryDecision({ ...base, ...change }).retry).toBe(expected);
  });
});

describe('the retry budget', () => {
  it.each([
    // requests in the window, retries asked → retries granted (10 % of requests + 3)
    [0, 5, 3],
    [10, 10, 4],
    [100, 20, 13],
    [1_000, 200, 103],
  ])('%i requests, %i retries asked: %i granted', (requests, asked, granted) => {
    const budget = new RetryBudget({ ratio: 0.1, minPerWindow: 3, windowMs: 10_000 }, () => 0);
    for (let i = 0; i < requests; i++) budget.request();
    let got = 0;
    for (let i = 0; i < asked; i++) if (budget.tryRetry()) got += 1;
    expect(got).toBe(granted);
  });

  it.each([
    // ms after the outage's retries were spent → retries granted again
    [500, 0],
    [5_000, 0],
    [10_000, 3],
    [60_000, 3],
  ])('forgets spent retries as the window slides: %i ms later, %i more', (later, granted) => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0, minPerWindow: 3, windowMs: 10_000 }, () => now);
    while (budget.tryRetry());
    now = later;
    let got = 0;
    while (budget.tryRetry()) got += 1;
    expect(got).toBe(granted);
  });
});

describe('the paths a failed fetch leaves empty', () => {
  it.each<[string, Record<string, unknown>, (string | number)[][]]>([
    [
      '{ volunteer(id: "1") { id } a: volunteers { totalCount } __typename }',
      {},
      [['volunteer'], ['a']],
    ],
    ['query { ... on Query { indicators { code } } }', {}, [['indicators']]],
    [
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Volunteer { participations { id } verifiedHours } } }',
      {
        representations: [
          { __typename: 'Volunteer', id: '1' },
          { __typename: 'Volunteer', id: '2' },
        ],
      },
      [
        ['_entities', 0, 'participations'],
        ['_entities', 0, 'verifiedHours'],
        ['_entities', 1, 'participations'],
        ['_entities', 1, 'verifiedHours'],
      ],
    ],
    [
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Program { economicValue { sar } } ... on AgencyPeriod { economicValue { sar } scorecard { status } } } }',
      { r: [{ __typename: 'AgencyPeriod' }, { __typename: 'Program' }] },
      [
        ['_entities', 0, 'economicValue'],
        ['_entities', 0, 'scorecard'],
        ['_entities', 1, 'economicValue'],
      ],
    ],
    ['not graphql', {}, []],
  ])('%s', (query, variables, paths) => {
    expect(failedFetchPaths(query, variables)).toEqual(paths);
  });
});

describe('resilience settings', () => {
  it('has the documented defaults', () => {
    expect(resilienceFromEnv(gatewayEnv({}))).toEqual(DEFAULT_RESILIENCE);
    expect(gatewayEnv({}).GATEWAY_SUBGRAPH_TIMEOUTS).toEqual({});
    expect(gatewayEnv({}).GATEWAY_SUBGRAPH_OWNERS).toEqual({
      volunteers: ['HRSD'],
      indicators: ['HRSD'],
    });
  });

  it.each<[Record<string, string>, unknown]>([
    [
      { GATEWAY_SUBGRAPH_TIMEOUTS: 'programs=3000,indicators=2000' },
      { programs: 3000, indicators: 2000 },
    ],
    [{ GATEWAY_SUBGRAPH_TIMEOUTS: ' volunteers = 500 , ' }, { volunteers: 500 }],
    [
      { GATEWAY_SUBGRAPH_OWNERS: 'volunteers=HRSD,indicators=HRSD+NCM' },
      { volunteers: ['HRSD'], indicators: ['HRSD', 'NCM'] },
    ],
  ])('reads %j', (source, expected) => {
    const env = gatewayEnv(source);
    const key = Object.keys(source)[0] as 'GATEWAY_SUBGRAPH_TIMEOUTS' | 'GATEWAY_SUBGRAPH_OWNERS';
    expect(env[key]).toEqual(expected);
  });

  it.each([
    [{ GATEWAY_SUBGRAPH_TIMEOUTS: 'programs' }, 'GATEWAY_SUBGRAPH_TIMEOUTS'],
    [{ GATEWAY_SUBGRAPH_TIMEOUTS: 'programs=0' }, 'programs: expected a positive integer'],
    [{ GATEWAY_SUBGRAPH_TIMEOUTS: 'programs=1,programs=2' }, 'programs is given twice'],
    [{ GATEWAY_SUBGRAPH_OWNERS: 'volunteers=hrsd' }, 'is not an agency code'],
    [{ GATEWAY_BREAKER_FAILURES: '0' }, 'GATEWAY_BREAKER_FAILURES'],
    [{ GATEWAY_BULKHEAD_MAX_CONCURRENT: 'many' }, 'GATEWAY_BULKHEAD_MAX_CONCURRENT'],
    [{ GATEWAY_RETRY_BUDGET_RATIO: '1.5' }, 'expected a number from 0 to 1'],
    [{ GATEWAY_RETRY_BUDGET_RATIO: 'half' }, 'GATEWAY_RETRY_BUDGET_RATIO'],
  ])('refuses %j', (source, message) => {
    expect(() => gatewayEnv(source)).toThrow(message);
  });
});
