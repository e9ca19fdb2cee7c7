import { describe, expect, it } from 'vitest';
import { isProgramIdOf, validateProgram, type ProgramFields } from '../src/validateProgram.ts';

describe('program ids', () => {
  it.each([
    ['SCD', 'SCD-00042', true],
    ['SCD', 'SCD-00000', true],
    ['SRCA', 'SRCA-99999', true],
    ['SCD', 'SEC-00042', false],
    ['SCD', 'SRCA-00042', false],
    ['SRCA', 'SCD-00042', false],
    ['SCD', 'scd-00042', false],
    ['SCD', 'SCD-0042', false],
    ['SCD', 'SCD-000042', false],
    ['SCD', 'SCD00042', false],
    ['SCD', 'SCD_00042', false],
    ['SCD', 'XSCD-00042', false],
    ['SCD', 'SCD-00042 ', false],
    ['SCD', 'SCD-0004a', false],
    ['SCD', 'SCD-', false],
    ['S.D', 'SXD-00042', false],
    ['S(D', 'S(D-00042', true],
  ])('%s owns %s: %s', (agencyCode, id, owned) => {
    expect(isProgramIdOf(agencyCode, id)).toBe(owned);
  });
});

const VALID: ProgramFields = {
  agencyCode: 'SCD',
  titleAr: 'إسعاف',
  titleEn: 'First aid',
  descriptionAr: 'تدريب',
  descriptionEn: 'Training',
  regionCode: 'SA-01',
  startDate: new Date('2026-03-01T00:00:00Z'),
  endDate: new Date('2026-09-30T00:00:00Z'),
  capacity: 20,
  requiredSkills: ['2221', '3258'],
  beneficiariesServed: 0,
};

describe('validating a program', () => {
  it.each<[string, Partial<ProgramFields>]>([
    ['a complete program', {}],
    ['a one-day program', { endDate: VALID.startDate }],
    ['a capacity of 1', { capacity: 1 }],
    ['a capacity of 100,000', { capacity: 100_000 }],
    ['no required skill', { requiredSkills: [] }],
    ['region SA-14', { regionCode: 'SA-14' }],
    ['beneficiaries served', { beneficiariesServed: 1_200 }],
  ])('accepts %s', (_, overrides) => {
    expect(() => validateProgram({ ...VALID, ...overrides })).not.toThrow();
  });

  it.each<[string, Partial<ProgramFields>, string]>([
    ['an empty Arabic title', { titleAr: '' }, 'input.title'],
    ['a blank English title', { titleEn: ' \t' }, 'input.title'],
    ['an empty Arabic description', { descriptionAr: '' }, 'input.description'],
    ['a blank English description', { descriptionEn: '  ' }, 'input.description'],
    ['region SA-13', { regionCode: 'SA-13' }, 'input.regionCode'],
    ['region SA-1', { regionCode: 'SA-1' }, 'input.regionCode'],
    ['a lower-case region', { regionCode: 'sa-01' }, 'input.regionCode'],
    [
      'an end the day before the start',
      { endDate: new Date('2026-02-28T00:00:00Z') },
      'input.endDate',
    ],
    ['a capacity of 0', { capacity: 0 }, 'input.capacity'],
    ['a negative capacity', { capacity: -1 }, 'input.capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'input.capacity'],
    ['a capacity of 100,001', { capacity: 100_001 }, 'input.capacity'],
    ['a skill of three digits', { requiredSkills: ['2221', '222'] }, 'input.requiredSkillCodes'],
    ['a skill of five digits', { requiredSkills: ['22210'] }, 'input.requiredSkillCodes'],
    ['a skill with a letter', { requiredSkills: ['222O'] }, 'input.requiredSkillCodes'],
    ['negative beneficiaries', { beneficiariesServed: -1 }, 'input.beneficiariesServed'],
    ['fractional beneficiaries', { beneficiariesServed: 0.5 }, 'input.beneficiariesServed'],
  ])('refuses %s as BAD_USER_INPUT on %s', (_, overrides, field) => {
    expect(() => validateProgram({ ...VALID, ...overrides })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }),
    );
  });

  it('names the first offending field when several are wrong', () => {
    expect(() =>
      validateProgram({ ...VALID, descriptionEn: '', capacity: 0, regionCode: 'SA-99' }),
    ).toThrow(
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.description' },
      }),
    );
  });
});
