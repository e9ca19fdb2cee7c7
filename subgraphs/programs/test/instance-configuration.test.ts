import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, readAgencyRegistry } from '@sahem/kit';
import {
  acceptedAudiences,
  parseAgencyCodes,
  programsInstance,
} from '../src/agencies/programsInstance.ts';
import { programsEnv, programsInstanceSettings } from '../src/env.ts';

const registry = readAgencyRegistry(undefined, {});
const settings = (env: Record<string, string>) => programsInstanceSettings(programsEnv(env), env);
const A_REAL_KEY = 'k'.repeat(40);

describe('PROGRAMS_AGENCIES', () => {
  it.each([
    ['SCD', ['SCD']],
    [' HRSD , SRCA ', ['HRSD', 'SRCA']],
    ['SRCA,HRSD,', ['SRCA', 'HRSD']],
  ])('reads %j as %j', (raw, codes) => {
    expect(parseAgencyCodes(raw)).toEqual(codes);
  });

  it.each([[','], ['scd'], ['SCD,S-1'], ['SCD;SEC']])('refuses %j', (raw) => {
    expect(() => parseAgencyCodes(raw)).toThrow(/agency codes separated by commas/);
  });
});

describe('a programs instance', () => {
  it.each([
    [undefined, ['HRSD', 'SCD', 'SEC', 'SRCA'], 'HRSD+SCD+SEC+SRCA'],
    [['SCD'], ['SCD'], 'SCD'],
    [['SRCA', 'HRSD', 'SRCA'], ['HRSD', 'SRCA'], 'HRSD+SRCA'],
  ])('holding %j holds %j and is named %s', (codes, held, name) => {
    const instance = programsInstance(registry, codes);
    expect(instance.codes).toEqual(held);
    expect(instance.name).toBe(name);
    expect(instance.agencies.map((agency) => agency.code)).toEqual(held);
    expect(held.every((code) => instance.holds(code))).toBe(true);
    expect(instance.holds('NCM')).toBe(false);
  });

  it('takes names and sectors from the registry', () => {
    expect(programsInstance(registry, ['SRCA']).agencies).toEqual([registry.agency('SRCA')]);
  });

  it('refuses an agency the registry does not register, saying what to do', () => {
    expect(() => programsInstance(registry, ['SCD', 'NCM'])).toThrow(
      /PROGRAMS_AGENCIES names NCM, which the agency registry does not register \(registered: HRSD, SCD, SEC, SRCA\)\. Add the agency to the registry/,
    );
  });

  it.each([
    [['SCD'], ['sahem-subgraph:programs:SCD']],
    [['HRSD', 'SRCA'], ['sahem-subgraph:programs:HRSD+SRCA']],
    // Holding every agency it is the only instance: addressed as the subgraph, as the gateway does.
    [undefined, ['sahem-subgraph:programs']],
    [['SRCA', 'HRSD', 'SEC', 'SCD'], ['sahem-subgraph:programs']],
  ])('holding %j answers to %j only', (codes, audiences) => {
    expect(acceptedAudiences(programsInstance(registry, codes))).toEqual(audiences);
  });
});

describe('the instance the environment describes', () => {
  it('is one agency with its own audience when PROGRAMS_AGENCIES names it', () => {
    const { instance, audiences } = settings({ PROGRAMS_AGENCIES: 'SCD' });
    expect(instance.codes).toEqual(['SCD']);
    expect(audiences).toEqual(['sahem-subgraph:programs:SCD']);
  });

  it('is the single store, every registered agency, without PROGRAMS_AGENCIES', () => {
    const { instance, sketchKey } = settings({});
    expect(instance.codes).toEqual(['HRSD', 'SCD', 'SEC', 'SRCA']);
    expect(sketchKey).toBe('sahem-development-sketch-key');
  });

  it('reads the registry SAHEM_AGENCIES_FILE names, with its URL overrides', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sahem-registry-'));
    const file = path.join(dir, 'agencies.json');
    await writeFile(
      file,
      JSON.stringify({
        agencies: [
          ...registry.agencies,
          {
            code: 'NCM',
            name: { ar: 'المركز الوطني للأرصاد', en: 'National Center for Meteorology' },
            sector: 'Environment',
            url: 'http://127.0.0.1:4014/graphql',
          },
        ],
      }),
    );
    const { instance } = settings({ SAHEM_AGENCIES_FILE: file, PROGRAMS_AGENCIES: 'NCM' });
    expect(instance.agencies).toEqual([
      {
        code: 'NCM',
        name: { ar: 'المركز الوطني للأرصاد', en: 'National Center for Meteorology' },
        sector: 'Environment',
        url: 'http://127.0.0.1:4014/graphql',
      },
    ]);
  });

  it.each([
    [{ PROGRAMS_AGENCIES: 'NCM' }, /PROGRAMS_AGENCIES names NCM/],
    [{ PROGRAMS_AGENCIES: 'scd' }, /PROGRAMS_AGENCIES="scd": expected agency codes/],
    [{ SAHEM_AGENCIES_FILE: '/nonexistent/agencies.json' }, /did not load \(SAHEM_AGENCIES_FILE\)/],
    [{ SAHEM_PRODUCTION: 'true' }, /PROGRAMS_SKETCH_KEY must be set in production/],
    [
      { SAHEM_PRODUCTION: 'true', PROGRAMS_SKETCH_KEY: 'REPLACE-ME' },
      /PROGRAMS_SKETCH_KEY must be set in production/,
    ],
  ])('refuses %j at start, naming the variable', (env, message) => {
    expect(() => settings(env)).toThrow(EnvError);
    expect(() => settings(env)).toThrow(message);
  });

  it('takes a production sketch key of its own', () => {
    expect(settings({ SAHEM_PRODUCTION: 'true', PROGRAMS_SKETCH_KEY: A_REAL_KEY }).sketchKey).toBe(
      A_REAL_KEY,
    );
  });
});

describe('the participant cell sync', () => {
  it('is off unless PROGRAMS_CELL_SYNC_URL is set', () => {
    expect(settings({ PROGRAMS_AGENCIES: 'SCD' }).cellSync).toBeUndefined();
  });

  it('runs every 10 minutes with the token file given', () => {
    expect(
      settings({
        PROGRAMS_AGENCIES: 'SCD',
        PROGRAMS_CELL_SYNC_URL: 'http://gateway:4000/graphql',
        PROGRAMS_CELL_SYNC_TOKEN_FILE: '/run/secrets/scd-token',
      }).cellSync,
    ).toEqual({
      gatewayUrl: 'http://gateway:4000/graphql',
      tokenFile: '/run/secrets/scd-token',
      intervalMs: 600_000,
    });
  });

  it('refuses a sync URL without a token file, naming the variable', () => {
    expect(() =>
      settings({ PROGRAMS_AGENCIES: 'SCD', PROGRAMS_CELL_SYNC_URL: 'http://gateway:4000/graphql' }),
    ).toThrow(/PROGRAMS_CELL_SYNC_TOKEN_FILE/);
  });

  it.each([
    ['PROGRAMS_CELL_SYNC_URL', 'gateway:4000'],
    ['PROGRAMS_CELL_SYNC_INTERVAL_MS', '0'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => programsEnv({ [name]: value })).toThrow(EnvError);
  });
});
