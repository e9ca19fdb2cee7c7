import { describe, expect, it } from 'vitest';
import { boundedLabel } from '../src/observability/boundedLabel.ts';
import { describeCause } from '../src/observability/recordRequestPlugin.ts';
import { outcomeOf } from '../src/observability/requestRecord.ts';

describe('boundedLabel', () => {
  it('keeps the first names, then counts the rest as __other__', () => {
    const label = boundedLabel(2);
    expect([label('A'), label('B'), label('C'), label('A'), label(undefined)]).toEqual([
      'A',
      'B',
      '__other__',
      'A',
      '__none__',
    ]);
  });

  it.each([
    ['Evil\nname', 'Evil\\u000aname'],
    ['x'.repeat(150), `${'x'.repeat(99)}…`],
  ])('makes %j printable and short', (name, expected) => {
    expect(boundedLabel(10)(name)).toBe(expected);
  });
});

describe('outcomeOf', () => {
  it.each([
    [[], undefined, 200, 'ok'],
    [['FORBIDDEN'], true, 200, 'partial'],
    [['UNAUTHENTICATED'], false, 401, 'error'],
    [[], undefined, 413, 'error'],
  ] as const)('errors %j, data %s, HTTP %i → %s', (codes, hasData, status, outcome) => {
    expect(
      outcomeOf(
        { startedAt: 0, errorCodes: new Set(codes), ...(hasData !== undefined && { hasData }) },
        status,
      ),
    ).toBe(outcome);
  });
});

describe('describeCause', () => {
  it('says an error and its causes on one line', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4002'), {
        code: 'ECONNREFUSED',
      }),
    });
    expect(describeCause(error)).toBe(
      'TypeError: fetch failed ← Error [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:4002',
    );
  });
});
