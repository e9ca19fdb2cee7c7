import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costModelFromSupergraph } from '../src/limits/costModelFromSupergraph.ts';
import { estimateCost } from '../src/limits/estimateCost.ts';
import { DEFAULT_LIMITS } from '../src/limits/GatewayLimits.ts';
import { measureOperation } from '../src/limits/measureOperation.ts';

// A small supergraph with every rule the estimate knows, so each expected cost is checkable by hand.
const SUPERGRAPH = /* GraphQL */ `
  schema
    @link(url: "https://specs.apollo.dev/link/v1.0")
    @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)
    @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"]) {
    query: Query
    mutation: Mutation
  }

  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(
    assumedSize: Int
    slicingArguments: [String!]
    sizedFields: [String!]
    requireOneSlicingArgument: Boolean = true
  ) on FIELD_DEFINITION
  directive @join__field(graph: String, requires: String) repeatable on FIELD_DEFINITION

  type Query {
    agency(code: ID!): Agency
    agencies: [Agency!]!
    regions: [Region!]! @listSize(assumedSize: 13)
    programs(filter: ProgramFilter, first: Int = 20, after: String): ProgramConnection!
      @listSize(slicingArguments: ["first"], sizedFields: ["edges"])
    search(first: Int, last: Int): [Program!]!
      @listSize(slicingArguments: ["first", "last"], requireOneSlicingArgument: false)
    report: Int @cost(weight: 50)
    ratings: [Rating!]!
    stats(scope: Scope, weighted: String @cost(weight: 3)): Int
    audit: AuditTrail
  }
  type Mutation {
    register(input: RegisterInput!): Agency
  }
  type Agency {
    code: ID!
    name: Text!
    period(period: String!): AgencyPeriod! @cost(weight: 10)
    programs: [Program!]!
  }
  type AgencyPeriod {
    hours: Float!
    hoursBySkill: [SkillHours!]! @join__field(graph: "programs")
    economicValue: Value!
      @join__field(graph: "indicators", requires: "hoursBySkill { hours }")
      @cost(weight: 5)
  }
  type AuditTrail @cost(weight: 4) {
    size: Int!
  }
  type SkillHours {
    hours: Float!
  }
  type Value {
    sar: Float!
  }
  type Text {
    en: String!
  }
  type ProgramConnection {
    edges: [ProgramEdge!]!
    totalCount: Int!
  }
  type ProgramEdge {
    node: Program!
  }
  type Program {
    id: ID!
    title: Text!
  }
  type Region {
    code: ID!
  }
  enum Rating {
    GOOD
    BAD
  }
  enum Scope @cost(weight: 2) {
    NATIONAL
    REGIONAL
  }
  input ProgramFilter {
    agencyCode: ID
    region: RegionInput
  }
  input RegionInput {
    code: ID
  }
  input RegisterInput {
    name: String!
  }
`;
const model = costModelFromSupergraph(SUPERGRAPH);
const CONNECTION = 'edges { node { id } }';

describe('estimateCost', () => {
  it.each([
    ['a scalar costs nothing, an object 1', '{ agency(code: "SCD") { code } }', {}, 1],
    ['an object costs 1 plus what it selects', '{ agency(code: "SCD") { name { en } } }', {}, 2],
    [
      '@cost replaces a field’s own cost',
      '{ agency(code: "A") { period(period: "2026") { hours } } }',
      {},
      11,
    ],
    ['@cost weighs a scalar', '{ report }', {}, 50],
    ['@cost on a type weighs the fields returning it', '{ audit { size } }', {}, 4],
    ['a list without @listSize has the default size', '{ agencies { code } }', {}, 10],
    ['assumedSize sizes a list', '{ regions { code } }', {}, 13],
    ['nested lists multiply', '{ agencies { programs { title { en } } } }', {}, 210],
    ['a list of enums costs nothing', '{ ratings }', {}, 0],
    ['first sizes the sizedFields', `{ programs(first: 5) { ${CONNECTION} } }`, {}, 11],
    ['first from the schema default', `{ programs { ${CONNECTION} } }`, {}, 41],
    [
      'first from a variable',
      `query ($n: Int) { programs(first: $n) { ${CONNECTION} } }`,
      { n: 50 },
      101,
    ],
    [
      'first from the variable’s default',
      `query ($n: Int = 7) { programs(first: $n) { ${CONNECTION} } }`,
      {},
      15,
    ],
    ['the connection itself is not multiplied', '{ programs(first: 5) { totalCount } }', {}, 1],
    ['the largest slicing argument wins', '{ search(first: 3, last: 8) { id } }', {}, 8],
    [
      'an input object costs 1, nested ones too',
      '{ programs(first: 1, filter: { agencyCode: "SCD", region: { code: "SA-01" } }) { totalCount } }',
      {},
      3,
    ],
    [
      'arguments add their @cost or their type’s',
      '{ stats(scope: NATIONAL, weighted: "x") }',
      {},
      5,
    ],
    [
      '@requires adds the fields the gateway fetches for it',
      '{ agency(code: "A") { period(period: "2026") { economicValue { sar } } } }',
      {},
      26,
    ],
    ['__typename is free', '{ __typename agency(code: "A") { __typename } }', {}, 1],
    [
      '@skip(if: true) costs nothing',
      '{ agencies @skip(if: true) { code } regions { code } }',
      {},
      13,
    ],
    [
      '@include(if: $v) follows the variable',
      'query ($v: Boolean!) { agencies @include(if: $v) { code } }',
      { v: false },
      0,
    ],
    [
      'a fragment counts wherever it is spread',
      '{ a: agency(code: "A") { ...F } b: agency(code: "B") { ...F } } fragment F on Agency { name { en } }',
      {},
      4,
    ],
    [
      'sizedFields are sized through fragments',
      '{ programs(first: 4) { ...C } } fragment C on ProgramConnection { edges { node { id } } }',
      {},
      9,
    ],
    ['a mutation starts at 10', 'mutation { register(input: { name: "Noura" }) { code } }', {}, 12],
  ])('%s', (_, query, variables, expected) => {
    expect(estimateCost(parse(query), model, variables)).toBe(expected);
  });

  it('costs the operation named, in a document with several', () => {
    const document = parse('query A { agencies { code } } query B { regions { code } }');
    expect(estimateCost(document, model, {}, 'A')).toBe(10);
    expect(estimateCost(document, model, {}, 'B')).toBe(13);
  });

  it('uses the default list size it is given', () => {
    const small = costModelFromSupergraph(SUPERGRAPH, { defaultListSize: 3 });
    expect(estimateCost(parse('{ agencies { programs { id } } }'), small)).toBe(3 * (1 + 3));
  });

  it('costs each fragment once, however often fragments spread each other', () => {
    // 2^30 leaves if expanded naively; costed once per fragment it is instant.
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const document = parse(`{ ...F0 } ${fragments.join(' ')} fragment F30 on Query { report }`);
    expect(estimateCost(document, model)).toBe(50 * 2 ** 30);
  });
});

describe('costModelFromSupergraph', () => {
  it('finds the directives under the names the supergraph links them as', () => {
    const renamed = costModelFromSupergraph(/* GraphQL */ `
      schema
        @link(
          url: "https://specs.apollo.dev/cost/v0.1"
          as: "price"
          import: [{ name: "@listSize", as: "@size" }]
        ) {
        query: Query
      }
      type Query {
        a: [A!]! @size(assumedSize: 3)
        b: Int @price(weight: 7)
        c: [A!]! @listSize(assumedSize: 99)
      }
      type A {
        id: ID!
      }
    `);
    expect(renamed.fields.get('Query')?.get('a')?.listSize?.assumedSize).toBe(3);
    expect(renamed.fields.get('Query')?.get('b')?.weight).toBe(7);
    // Not the linked name here: an unrelated directive.
    expect(renamed.fields.get('Query')?.get('c')?.listSize).toBeUndefined();
  });
});

describe('the default limits', () => {
  const supergraph = costModelFromSupergraph(
    readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
  );
  const manifest = JSON.parse(
    readFileSync(
      new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, string>;

  it.each(
    Object.values(manifest).map((text) => [/(?:query|mutation) (\w+)/.exec(text)?.[1], text]),
  )('fit the client operation %s, at its largest page', (_, text) => {
    const document = parse(text!);
    expect(estimateCost(document, supergraph, { first: 100 })).toBeLessThanOrEqual(
      DEFAULT_LIMITS.maxCost,
    );
    const measures = measureOperation(document);
    expect(measures.depth).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDepth);
    expect(measures.rootFields).toBeLessThanOrEqual(DEFAULT_LIMITS.maxRootFields);
    expect(measures.aliases).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAliases);
  });
});
