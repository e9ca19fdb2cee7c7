import { describe, expect, it } from 'vitest';
import {
  hashNationalId,
  luhnValid,
  maskNationalId,
  nationalIdProblem,
  withCheckDigit,
} from '../src/nationalId.ts';

describe('national and resident ids', () => {
  it.each([
    ['1000000008', null],
    ['2000000006', null],
    ['1234567897', null],
    ['1000000001', 'fails the checksum; check for a typing mistake'],
    ['1234567890', 'fails the checksum; check for a typing mistake'],
    ['3000000004', 'must start with 1 (citizen) or 2 (resident)'],
    ['0000000000', 'must start with 1 (citizen) or 2 (resident)'],
    ['123456789', 'must be exactly 10 digits'],
    ['12345678901', 'must be exactly 10 digits'],
    ['12345abcde', 'must be exactly 10 digits'],
    ['', 'must be exactly 10 digits'],
  ])('%s → %s', (id, problem) => {
    expect(nationalIdProblem(id)).toBe(problem);
  });

  it.each([
    ['1000000008', true],
    ['1000000009', false],
    ['2000000006', true],
    ['2000000060', false],
  ])('luhnValid(%s) is %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it.each(['100000000', '112233445', '298765432'])(
    'withCheckDigit(%s) completes a valid id',
    (nine) => {
      const id = withCheckDigit(nine);
      expect(id).toMatch(new RegExp(`^${nine}\\d$`));
      expect(nationalIdProblem(id)).toBeNull();
    },
  );

  it('hashes with the salt and shows only the last four digits', () => {
    expect(hashNationalId('1000000008', 'a')).not.toBe(hashNationalId('1000000008', 'b'));
    expect(hashNationalId('1000000008', 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(maskNationalId('0008')).toBe('******0008');
  });
});
