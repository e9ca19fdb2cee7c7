import { describe, expect, it } from 'vitest';
import { agencyRegistry, readAgencyRegistry } from '../src/agencies/readAgencyRegistry.ts';

const agency = (code: string, url = `http://127.0.0.1:4010/graphql`) => ({
  code,
  name: { ar: 'أ', en: code },
  sector: 'Public',
  url,
});

describe('the agency registry', () => {
  it('reads the shipped registry: four agencies, each on its own instance', () => {
    const registry = readAgencyRegistry();
    expect(registry.subgraph).toBe('programs');
    expect(registry.agencies.map((a) => a.code)).toEqual(['HRSD', 'SCD', 'SEC', 'SRCA']);
    expect(registry.instances.map((i) => i.name)).toEqual(['HRSD', 'SCD', 'SEC', 'SRCA']);
  });

  it('groups agencies with one URL into one instance, named by their codes', () => {
    const registry = agencyRegistry({
      agencies: [
        agency('SRCA', 'http://h/graphql'),
        agency('HRSD', 'http://h/graphql'),
        agency('SCD'),
      ],
    });
    expect(registry.instances).toEqual([
      { name: 'HRSD+SRCA', agencies: ['HRSD', 'SRCA'], url: 'http://h/graphql' },
      { name: 'SCD', agencies: ['SCD'], url: 'http://127.0.0.1:4010/graphql' },
    ]);
    expect(registry.instanceOf('SRCA')?.name).toBe('HRSD+SRCA');
    expect(registry.instanceOf('XYZ')).toBeUndefined();
  });

  it('takes an agency URL from AGENCY_<CODE>_URL over the file', () => {
    const registry = agencyRegistry(
      { agencies: [agency('SCD')] },
      { AGENCY_SCD_URL: 'https://scd.example.sa/graphql' },
    );
    expect(registry.instanceOf('SCD')?.url).toBe('https://scd.example.sa/graphql');
  });

  it.each([
    ['no agencies', {}, /at least one agency/],
    ['a lower-case code', { agencies: [agency('scd')] }, /agencies\[0\]\.code/],
    ['a code given twice', { agencies: [agency('SCD'), agency('SCD')] }, /SCD is registered twice/],
    [
      'a missing Arabic name',
      { agencies: [{ ...agency('SCD'), name: { en: 'x' } }] },
      /name\.ar is required/,
    ],
    ['no sector', { agencies: [{ ...agency('SCD'), sector: '' }] }, /sector is required/],
    [
      'a URL that is not one',
      { agencies: [agency('SCD', 'not a url')] },
      /\(SCD\)\.url must be an http\(s\) URL/,
    ],
    ['an ftp URL', { agencies: [agency('SCD', 'ftp://x/')] }, /must be an http\(s\) URL/],
  ])('refuses %s, naming the entry', (_, parsed, message) => {
    expect(() => agencyRegistry(parsed)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() =>
      agencyRegistry({ agencies: [agency('x'), { ...agency('SEC'), sector: '' }] }),
    ).toThrow(/agencies\[0\]\.code[\s\S]*sector is required/);
  });
});
