import { describe, expect, it } from 'vitest';
import {
  canMove,
  HOLDS_A_PLACE,
  PARTICIPATION_TRANSITIONS,
  PROGRAM_TRANSITIONS,
} from '../src/transitions.ts';

describe('program statuses', () => {
  it.each([
    ['DRAFT', 'DRAFT', true],
    ['DRAFT', 'OPEN', true],
    ['DRAFT', 'CLOSED', true],
    ['DRAFT', 'COMPLETED', false],
    ['OPEN', 'DRAFT', false],
    ['OPEN', 'OPEN', true],
    ['OPEN', 'CLOSED', true],
    ['OPEN', 'COMPLETED', true],
    ['CLOSED', 'DRAFT', false],
    ['CLOSED', 'OPEN', true],
    ['CLOSED', 'CLOSED', true],
    ['CLOSED', 'COMPLETED', true],
    ['COMPLETED', 'DRAFT', false],
    ['COMPLETED', 'OPEN', false],
    ['COMPLETED', 'CLOSED', false],
    ['COMPLETED', 'COMPLETED', true],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(PROGRAM_TRANSITIONS, from, to)).toBe(allowed);
  });
});

describe('participation statuses', () => {
  it.each([
    ['APPLIED', 'APPLIED', true],
    ['APPLIED', 'ACCEPTED', true],
    ['APPLIED', 'ACTIVE', false],
    ['APPLIED', 'COMPLETED', false],
    ['APPLIED', 'WITHDRAWN', true],
    ['ACCEPTED', 'APPLIED', false],
    ['ACCEPTED', 'ACCEPTED', true],
    ['ACCEPTED', 'ACTIVE', true],
    ['ACCEPTED', 'COMPLETED', false],
    ['ACCEPTED', 'WITHDRAWN', true],
    ['ACTIVE', 'APPLIED', false],
    ['ACTIVE', 'ACCEPTED', false],
    ['ACTIVE', 'ACTIVE', true],
    ['ACTIVE', 'COMPLETED', true],
    ['ACTIVE', 'WITHDRAWN', true],
    ['COMPLETED', 'APPLIED', false],
    ['COMPLETED', 'ACCEPTED', false],
    ['COMPLETED', 'ACTIVE', false],
    ['COMPLETED', 'COMPLETED', true],
    ['COMPLETED', 'WITHDRAWN', false],
    ['WITHDRAWN', 'APPLIED', false],
    ['WITHDRAWN', 'ACCEPTED', false],
    ['WITHDRAWN', 'ACTIVE', false],
    ['WITHDRAWN', 'COMPLETED', false],
    ['WITHDRAWN', 'WITHDRAWN', true],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(PARTICIPATION_TRANSITIONS, from, to)).toBe(allowed);
  });

  it('counts accepted and active participants against the capacity, and no one else', () => {
    expect([...HOLDS_A_PLACE].sort()).toEqual(['ACCEPTED', 'ACTIVE']);
  });
});
