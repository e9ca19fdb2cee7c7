import { buildSchema, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Caller } from '@sahem/kit';
import { authorizationKey, createAuthorizationMemo } from '../src/auth/authorizationMemo.ts';
import type { AuthorizedOperation } from '../src/auth/authorizeOperation.ts';
import type { Requirements } from '../src/auth/requirements.ts';

// The memo hands a decision to another request only when nothing the rules read differs.
const caller = (change: Partial<Caller> = {}): Caller => ({
  subject: 'someone',
  role: 'agency_officer',
  scopes: ['pii:read', 'programs:write'],
  agency: 'SCD',
  volunteerId: null,
  ...change,
});

describe('the key of a caller for authorization decisions', () => {
  it.each([
    ['another subject', { subject: 'someone-else' }, true],
    ['the same scopes in another order', { scopes: ['programs:write', 'pii:read'] }, true],
    ['a scope repeated', { scopes: ['pii:read', 'programs:write', 'pii:read'] }, true],
    ['one scope fewer', { scopes: ['programs:write'] }, false],
    ['one scope more', { scopes: ['pii:read', 'programs:write', 'hours:verify'] }, false],
    ['another agency', { agency: 'SEC' }, false],
    ['no agency', { agency: null }, false],
    ['another role', { role: 'analyst' as const }, false],
    ['anonymous', { role: 'anonymous' as const, scopes: [], agency: null }, false],
    ['a scope that joins two', { scopes: ['pii:read programs:write'] }, false],
  ])('%s: same key %s', (_, change, same) => {
    expect(authorizationKey(caller(change)) === authorizationKey(caller())).toBe(same);
  });
});

const schema = buildSchema('type Query { a: Int }');
const rules: Requirements = { types: new Map(), fields: new Map() };
const document = { kind: Kind.DOCUMENT, definitions: [] } as const;
const nothingRemoved = (): AuthorizedOperation => ({
  document,
  operation: undefined as never,
  removals: [],
  placeholders: [],
});

describe('authorization decisions remembered', () => {
  it.each([
    ['one document, one caller', [['q1', 'a']], 1],
    [
      'again',
      [
        ['q1', 'a'],
        ['q1', 'a'],
      ],
      1,
    ],
    [
      'two kinds of caller on one document',
      [
        ['q1', 'a'],
        ['q1', 'b'],
        ['q1', 'a'],
        ['q1', 'b'],
      ],
      2,
    ],
    [
      'two documents',
      [
        ['q1', 'a'],
        ['q2', 'a'],
        ['q1', 'a'],
      ],
      2,
    ],
    [
      'beyond the bound of 2, least recently used out',
      [
        ['q1', 'a'],
        ['q2', 'a'],
        ['q3', 'a'],
        ['q1', 'a'],
      ],
      4,
    ],
  ] as const)('%s: authorized %i times', (_, requests, walks) => {
    const memo = createAuthorizationMemo(2);
    const callers = { a: caller(), b: caller({ scopes: ['programs:write'] }) };
    let count = 0;
    for (const [queryHash, who] of requests) {
      memo.decide({ queryHash, operationName: null, schema }, rules, callers[who], () => {
        count += 1;
        return nothingRemoved();
      });
    }
    expect(count).toBe(walks);
    expect(memo.size).toBeLessThanOrEqual(2);
  });

  it("gives each kind of caller its own decision, never another's", () => {
    const memo = createAuthorizationMemo();
    const withPii = caller();
    const withoutPii = caller({ scopes: ['programs:write'] });
    const decide = (who: Caller) =>
      memo.decide({ queryHash: 'q', operationName: 'Op', schema }, rules, who, () => ({
        ...nothingRemoved(),
        removals: who.scopes.includes('pii:read')
          ? []
          : [{ steps: [], target: -1, coordinate: 'Volunteer.fullName', reason: 'pii' }],
      }));
    for (let i = 0; i < 3; i++) {
      expect(decide(withPii).result.removals).toEqual([]);
      expect(decide(withoutPii).result.removals).toHaveLength(1);
      expect(decide(withoutPii).queryHash).toMatch(/^[0-9a-f]{64}$/);
      expect(decide(withPii).queryHash).toBeUndefined();
    }
  });

  it('forgets everything when the supergraph is reloaded (new schema or requirements)', () => {
    const memo = createAuthorizationMemo();
    let count = 0;
    const authorize = () => {
      count += 1;
      return nothingRemoved();
    };
    const request = { queryHash: 'q', operationName: null, schema };
    memo.decide(request, rules, caller(), authorize);
    memo.decide(request, { types: new Map(), fields: new Map() }, caller(), authorize);
    memo.decide(
      { ...request, schema: buildSchema('type Query { a: Int }') },
      rules,
      caller(),
      authorize,
    );
    expect(count).toBe(3);
  });

  it('keeps operations of one document apart', () => {
    const memo = createAuthorizationMemo();
    let count = 0;
    for (const operationName of ['A', 'B', 'A', null]) {
      memo.decide({ queryHash: 'q', operationName, schema }, rules, caller(), () => {
        count += 1;
        return nothingRemoved();
      });
    }
    expect(count).toBe(3);
  });
});
