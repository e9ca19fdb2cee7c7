import { readFileSync } from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readClientDocuments } from '../../schema/readClientDocuments.ts';
import { withoutSecurityPurpose } from '../src/auth/requirements.ts';
import { instancePolicy } from '../src/resilience/instancePolicy.ts';
import { DEFAULT_RESILIENCE } from '../src/resilience/ResilienceOptions.ts';

/** Requests at once the default bulkhead must admit whatever shipped operation they are. */
const REQUESTS_AT_ONCE = 32;

/** The most fetches any shipped operation's query plan sends to one subgraph, and which. */
function widestPlan(): { operation: string; subgraph: string; fetches: number } {
  const supergraph = Supergraph.build(
    withoutSecurityPurpose(
      readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
    ),
  );
  const planner = new QueryPlanner(supergraph);
  let widest = { operation: '', subgraph: '', fetches: 0 };
  for (const { file, source } of readClientDocuments()) {
    const plan = prettyFormatQueryPlan(
      planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(source))),
    );
    const counts = new Map<string, number>();
    for (const [, subgraph] of plan.matchAll(/Fetch\(service: "(\w+)"/g)) {
      counts.set(subgraph!, (counts.get(subgraph!) ?? 0) + 1);
    }
    for (const [subgraph, fetches] of counts) {
      if (fetches > widest.fetches) widest = { operation: file, subgraph, fetches };
    }
  }
  return widest;
}

const answerIn = (ms: number) => () =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(new Response('{}')), ms));

describe("the bulkhead's default bound", () => {
  const widest = widestPlan();
  const bound = DEFAULT_RESILIENCE.maxConcurrent + DEFAULT_RESILIENCE.maxQueued;
  const sendAtOnce = (fetches: number) => {
    const policy = instancePolicy();
    const abortAt = Date.now() + 10_000;
    return Promise.allSettled(
      Array.from({ length: fetches }, () =>
        policy.run(answerIn(10), { operation: 'query', abortAt }),
      ),
    );
  };

  it(`holds ${REQUESTS_AT_ONCE} requests at once of the shipped operation with the most fetches to one instance`, () => {
    // DashboardScorecards sends 6 fetches to indicators, NationalScorecard 4: the bound counts
    // fetches, and the gateway admits requests without a bound of its own.
    expect(widest.fetches).toBeGreaterThanOrEqual(4);
    expect(bound, widest.operation).toBeGreaterThanOrEqual(REQUESTS_AT_ONCE * widest.fetches);
  });

  it('lets a healthy instance answer all their fetches', async () => {
    const outcomes = await sendAtOnce(REQUESTS_AT_ONCE * widest.fetches);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  });

  it('still refuses at once, as overloaded, what is past the bound', async () => {
    const refused = (await sendAtOnce(bound + 10)).filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    expect(refused).toHaveLength(10);
    for (const { reason } of refused) expect(reason).toMatchObject({ kind: 'overloaded' });
  });
});
