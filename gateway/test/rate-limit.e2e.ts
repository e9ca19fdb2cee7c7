import { expectGraphQLError } from '@sahem/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { postGraphQL, type GraphQLAnswer } from './support/postGraphQL.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

let graph: Graph;
let gateway: RunningGateway;
let now: number;
let tokens: { analyst: string; officer: string };

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  tokens = {
    analyst: await graph.token({ role: 'analyst', subject: 'analyst-01' }),
    officer: await graph.token({
      role: 'agency_officer',
      subject: 'SCD-officer-01',
      agency: 'SCD',
    }),
  };
});
// A fresh gateway (and store) per test, on a clock only the test moves.
beforeEach(async () => {
  now = Date.parse('2026-03-01T09:00:00Z');
  gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      limits: {
        rateLimitPerMinute: 5,
        anonymousRateLimitPerMinute: 3,
        clock: () => now,
      },
    },
    { port: 0 },
  );
  return () => gateway.stop();
});
afterAll(async () => {
  await graph?.stop();
});

const ask = (token?: string) =>
  postGraphQL(gateway.url, '{ agencies { code } }', token ? { token } : {});

async function askTimes(n: number, token?: string): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < n; i++) statuses.push((await ask(token)).status);
  return statuses;
}

function expectRateLimited(answer: GraphQLAnswer, retryAfterSeconds: number) {
  expect(answer.status).toBe(429);
  expect(answer.headers.get('retry-after')).toBe(String(retryAfterSeconds));
  const error = expectGraphQLError(answer.body, 'RATE_LIMITED');
  expect(error.extensions).toMatchObject({ retryAfterSeconds });
  expect(error.message).toMatch(/Too many requests/);
}

describe('rate limiting', () => {
  it('lets an anonymous address send its burst, then answers 429 with Retry-After', async () => {
    expect(await askTimes(3)).toEqual([200, 200, 200]);
    // 3 a minute: the next token is 20 s away.
    expectRateLimited(await ask(), 20);
  });

  it('refills as the clock advances, continuously', async () => {
    await askTimes(3);
    now += 10_000;
    expectRateLimited(await ask(), 10);
    now += 10_000;
    expect(await askTimes(2)).toEqual([200, 429]);
    now += 60_000;
    expect(await askTimes(4)).toEqual([200, 200, 200, 429]);
  });

  it('keeps authenticated callers in buckets of their own, one per subject', async () => {
    await askTimes(3);
    expectRateLimited(await ask(), 20);

    expect(await askTimes(5, tokens.analyst)).toEqual([200, 200, 200, 200, 200]);
    // 5 a minute: the next token is 12 s away.
    expectRateLimited(await ask(tokens.analyst), 12);
    expect(await askTimes(1, tokens.officer)).toEqual([200]);
  });

  it('charges a token that does not verify to the anonymous address', async () => {
    const forged = `${tokens.analyst.slice(0, -4)}AAAA`;
    const refused = await ask(forged);
    expect(refused.status).toBe(401);
    expectGraphQLError(refused.body, 'UNAUTHENTICATED');
    expect(await askTimes(2)).toEqual([200, 200]);
    expectRateLimited(await ask(forged), 20);
  });
});
