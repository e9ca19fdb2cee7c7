import { expectGraphQLError } from '@sahem/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayLimits } from '../src/limits/GatewayLimits.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { postGraphQL } from './support/postGraphQL.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let limited: RunningGateway;
let production: RunningGateway;
let token: string;

const LIMITS: GatewayLimits = {
  maxDepth: 4,
  maxAliases: 3,
  maxRootFields: 3,
  maxDirectives: 2,
  maxTokens: 100,
};

async function gatewayWith(limits: GatewayLimits, isProduction: boolean) {
  return startGateway(
    {
      ...graph.identity,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: graph.gatewayDeps.subgraphUrls,
      production: isProduction,
      log: () => undefined,
      limits,
    },
    { port: 0 },
  );
}

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  token = await graph.token(ADMIN);
  limited = await gatewayWith(LIMITS, false);
  production = await gatewayWith({ maxDepth: 4 }, true);
});
afterAll(async () => {
  await production?.stop();
  await limited?.stop();
  await graph?.stop();
});

const ask = (query: string, variables?: Record<string, unknown>) =>
  postGraphQL(limited.url, query, { token, ...(variables && { variables }) });

describe('operation limits', () => {
  it.each([
    [
      'depth',
      /* GraphQL */ `
        {
          program(id: "SCD-00001") {
            agency {
              name {
                en
              }
            }
          }
        }
      `,
      /* GraphQL */ `
        {
          nationalPeriod(period: "2026") {
            ...National
          }
        }
        fragment National on NationalPeriod {
          regions {
            region {
              name {
                en
              }
            }
          }
        }
      `,
      5,
    ],
    [
      'aliases',
      /* GraphQL */ `
        {
          a: agency(code: "SCD") {
            code
          }
          b: agency(code: "SEC") {
            code
          }
          c: regions {
            code
          }
        }
      `,
      /* GraphQL */ `
        {
          agency(code: "SCD") {
            ...Names
          }
          program(id: "SCD-00001") {
            agency {
              ...Names
            }
          }
        }
        fragment Names on Agency {
          short: code
          long: name {
            en
          }
        }
      `,
      4,
    ],
    [
      'rootFields',
      /* GraphQL */ `
        {
          agencies {
            code
          }
          regions {
            code
          }
          skills {
            code
          }
        }
      `,
      /* GraphQL */ `
        {
          agencies {
            code
          }
          regions {
            code
          }
          skills {
            code
          }
          indicators {
            code
          }
        }
      `,
      4,
    ],
    [
      'directives',
      /* GraphQL */ `
        query ($on: Boolean = true) {
          agencies @include(if: $on) {
            code @skip(if: false)
          }
        }
      `,
      /* GraphQL */ `
        query ($on: Boolean = true) {
          agencies @include(if: $on) {
            code @skip(if: false)
            name @include(if: $on) {
              en
            }
          }
        }
      `,
      3,
    ],
  ] as const)(
    '%s: accepts the most allowed, refuses one more',
    async (limit, under, over, actual) => {
      const accepted = await ask(under);
      expect(accepted.status).toBe(200);
      expect(accepted.body.errors).toBeUndefined();

      const refused = await ask(over);
      expect(refused.status).toBe(400);
      const error = expectGraphQLError(refused.body, 'OPERATION_LIMIT_EXCEEDED');
      expect(error.extensions).toMatchObject({ limit, max: actual - 1, actual });
      expect(refused.body.data).toBeUndefined();
    },
  );

  it('refuses a document with more tokens than allowed while parsing it', async () => {
    // `{ agencies {` and `} }` are 5 tokens; each `code` one more.
    const fields = (n: number) => `{ agencies { ${'code '.repeat(n)}} }`;
    expect((await ask(fields(95))).body.errors).toBeUndefined();

    const refused = await ask(fields(96));
    expect(refused.status).toBe(400);
    const error = expectGraphQLError(refused.body, 'OPERATION_LIMIT_EXCEEDED');
    expect(error.extensions).toMatchObject({ limit: 'tokens', max: 100 });
    expect(error.message).toMatch(/more than 100 tokens/);
  });
});

describe('production', () => {
  it('leaves field suggestions out of validation errors', async () => {
    const query = '{ agencie { code } }';
    const development = expectGraphQLError((await ask(query)).body, 'GRAPHQL_VALIDATION_FAILED');
    expect(development.message).toMatch(/Did you mean "agencies"/);

    const answer = await postGraphQL(production.url, query, { token });
    const error = expectGraphQLError(answer.body, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toBe('Cannot query field "agencie" on type "Query".');
  });

  it.each([
    '{ __schema { queryType { name } } }',
    '{ __type(name: "Volunteer") { fields { name } } }',
  ])('refuses introspection: %s', async (query) => {
    expect((await ask(query)).body.errors).toBeUndefined();
    const answer = await postGraphQL(production.url, query, { token });
    expect(answer.status).toBe(400);
    const error = expectGraphQLError(answer.body, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/introspection is not allowed/);
  });

  it('shows limit errors as they are, not as masked internal errors', async () => {
    const answer = await postGraphQL(
      production.url,
      '{ nationalPeriod(period: "2026") { regions { region { name { en } } } } }',
      { token },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringMatching(/nests fields 5 levels deep.*at most 4/),
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth', max: 4, actual: 5 },
      },
    ]);
  });
});
