import { describe, expect, it } from 'vitest';
import { validateMergeRules } from '../src/agencies/validateMergeRules.ts';

// A contract with one period entity merged across instances, its backlog written as `fields`.
const contract = (fields: string) => /* GraphQL */ `
  type Query {
    nationalPeriod(period: String!): NationalPeriod! @merge(rule: "object")
  }
  type NationalPeriod @key(fields: "period") @merge(rule: "object") {
    period: String! @merge(rule: "any")
    backlog: Backlog! @merge(rule: "object")
  }
  type Backlog {
    ${fields}
  }
  type HistogramBucket {
    value: Int! @merge(rule: "any")
    count: Int! @merge(rule: "sum")
  }
`;

describe('validateMergeRules: min and median', () => {
  it('accepts a min, and a median beside its histogram keyed by value', () => {
    expect(
      validateMergeRules(
        contract(`
          oldest: String @merge(rule: "min")
          median: Float @merge(rule: "median", by: "days")
          days: [HistogramBucket!]! @merge(rule: "keyed", by: "value")
        `),
      ),
    ).toEqual([]);
  });

  it.each([
    ['without `by`', 'median: Float @merge(rule: "median")', /median rule needs `by`/],
    [
      'naming a field that is not there',
      'median: Float @merge(rule: "median", by: "days")',
      /Backlog\.days is not a histogram/,
    ],
    [
      'naming a field summed rather than keyed by value',
      'median: Float @merge(rule: "median", by: "days")\n days: Int @merge(rule: "sum")',
      /Backlog\.days is not a histogram/,
    ],
  ])('refuses a median %s', (_, fields, problem) => {
    expect(validateMergeRules(contract(fields)).join('\n')).toMatch(problem);
  });
});
