import { describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { ProgramStatus } from '../src/__generated__/prisma/client.ts';
import {
  aParticipation,
  aProgram,
  aProgramInput,
  anAgency,
  CREATE_PROGRAM,
  PROGRAM,
  programView,
  succeed,
  UPDATE_PROGRAM,
  type ProgramInput,
  type ProgramView,
} from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

const create = (input: ProgramInput) => succeed<ProgramView>(subgraph, CREATE_PROGRAM, { input });

/** The agency's program ids and the last number it handed out, straight from the tables. */
async function agencyState(agencyCode: string) {
  const [programs, agency] = await Promise.all([
    subgraph.db.prisma.program.findMany({
      where: { agencyCode },
      select: { id: true },
      orderBy: { id: 'asc' },
    }),
    subgraph.db.prisma.agency.findUniqueOrThrow({ where: { code: agencyCode } }),
  ]);
  return { programIds: programs.map(({ id }) => id), lastProgramNumber: agency.lastProgramNumber };
}

describe('createProgram', () => {
  it('numbers the programs of an agency SCD-00001, SCD-00002 and stores every field', async () => {
    await anAgency(subgraph, 'SCD');
    const input = aProgramInput('SCD');

    const first = await create(input);
    const second = await create(aProgramInput('SCD', { status: 'OPEN', requiredSkillCodes: [] }));

    expect(first).toEqual({
      id: 'SCD-00001',
      agency: { code: 'SCD' },
      title: input.title,
      description: input.description,
      kind: input.kind,
      region: { code: input.regionCode },
      startDate: input.startDate,
      endDate: input.endDate,
      capacity: input.capacity,
      requiredSkills: input.requiredSkillCodes!.map((code) => ({ code })),
      status: 'DRAFT',
      beneficiariesServed: 0,
    });
    expect(second).toMatchObject({ id: 'SCD-00002', status: 'OPEN', requiredSkills: [] });
    expect(await succeed(subgraph, PROGRAM, { id: 'SCD-00001' })).toEqual(first);
    expect(await agencyState('SCD')).toEqual({
      programIds: ['SCD-00001', 'SCD-00002'],
      lastProgramNumber: 2,
    });
  });

  it('accepts an explicit id SRCA-00042 and continues the numbering after it', async () => {
    await anAgency(subgraph, 'SRCA');
    await create(aProgramInput('SRCA'));

    const explicit = await create(aProgramInput('SRCA', { id: 'SRCA-00042' }));
    const lower = await create(aProgramInput('SRCA', { id: 'SRCA-00007' }));
    const next = await create(aProgramInput('SRCA'));

    expect([explicit.id, lower.id, next.id]).toEqual(['SRCA-00042', 'SRCA-00007', 'SRCA-00043']);
    expect((await agencyState('SRCA')).lastProgramNumber).toBe(43);
  });

  it('stores each required skill once', async () => {
    const agencyCode = await anAgency(subgraph);

    const program = await create(
      aProgramInput(agencyCode, { requiredSkillCodes: ['2221', '3258', '2221'] }),
    );

    expect(program.requiredSkills).toEqual([{ code: '2221' }, { code: '3258' }]);
  });

  it.each<[string, (agencyCode: string) => Partial<ProgramInput>, string]>([
    ['an id of another agency', () => ({ id: 'XYZ-00001' }), 'input.id'],
    ['an id with four digits', (code) => ({ id: `${code}-0042` }), 'input.id'],
    ['an id with six digits', (code) => ({ id: `${code}-000042` }), 'input.id'],
    ['an id without a dash', (code) => ({ id: `${code}00042` }), 'input.id'],
    ['an id in lower case', (code) => ({ id: `${code.toLowerCase()}-00042` }), 'input.id'],
    ['an unknown agency', () => ({ agencyCode: 'NOPE' }), 'input.agencyCode'],
    ['an empty Arabic title', () => ({ title: { ar: '', en: 'First aid' } }), 'input.title'],
    ['a blank English title', () => ({ title: { ar: 'إسعاف', en: '   ' } }), 'input.title'],
    [
      'an empty Arabic description',
      () => ({ description: { ar: '', en: 'Text' } }),
      'input.description',
    ],
    [
      'an empty English description',
      () => ({ description: { ar: 'نص', en: '' } }),
      'input.description',
    ],
    ['region SA-13, which does not exist', () => ({ regionCode: 'SA-13' }), 'input.regionCode'],
    ['a region that is no ISO code', () => ({ regionCode: 'Riyadh' }), 'input.regionCode'],
    [
      'an end before the start',
      () => ({ startDate: '2026-05-01', endDate: '2026-04-30' }),
      'input.endDate',
    ],
    ['a capacity of 0', () => ({ capacity: 0 }), 'input.capacity'],
    ['a negative capacity', () => ({ capacity: -3 }), 'input.capacity'],
    ['a capacity above 100,000', () => ({ capacity: 100_001 }), 'input.capacity'],
    [
      'a skill code of three digits',
      () => ({ requiredSkillCodes: ['2221', '222'] }),
      'input.requiredSkillCodes',
    ],
    [
      'a skill code of five digits',
      () => ({ requiredSkillCodes: ['22210'] }),
      'input.requiredSkillCodes',
    ],
    [
      'a skill code with letters',
      () => ({ requiredSkillCodes: ['22a1'] }),
      'input.requiredSkillCodes',
    ],
    ['the status COMPLETED', () => ({ status: 'COMPLETED' }), 'input.status'],
    ['the status CLOSED', () => ({ status: 'CLOSED' }), 'input.status'],
  ])('refuses %s as BAD_USER_INPUT and stores nothing', async (_, overrides, field) => {
    const agencyCode = await anAgency(subgraph);

    const result = await subgraph.run(CREATE_PROGRAM, {
      input: aProgramInput(agencyCode, overrides(agencyCode)),
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', field);
    expect(await agencyState(agencyCode)).toEqual({ programIds: [], lastProgramNumber: 0 });
  });

  it('refuses an id whose agency code is not a pattern, without an internal error', async () => {
    const result = await subgraph.run(CREATE_PROGRAM, {
      input: aProgramInput('S(D', { id: 'S(D-00001' }),
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.agencyCode');
  });

  it('refuses an explicit id that is already taken as CONFLICT on input.id', async () => {
    const agencyCode = await anAgency(subgraph);
    const id = `${agencyCode}-00005`;
    await create(aProgramInput(agencyCode, { id }));

    const result = await subgraph.run(CREATE_PROGRAM, { input: aProgramInput(agencyCode, { id }) });

    expectGraphQLError(result, 'CONFLICT', 'input.id');
  });
});

describe('a failed createProgram leaves nothing behind', () => {
  it('does not advance the numbering when the explicit id is taken', async () => {
    const agencyCode = await anAgency(subgraph);
    await create(aProgramInput(agencyCode));
    await aProgram(subgraph, { agencyCode, id: `${agencyCode}-00050` });
    const before = await agencyState(agencyCode);

    const result = await subgraph.run(CREATE_PROGRAM, {
      input: aProgramInput(agencyCode, { id: `${agencyCode}-00050` }),
    });

    expectGraphQLError(result, 'CONFLICT', 'input.id');
    expect(before).toEqual({
      programIds: [`${agencyCode}-00001`, `${agencyCode}-00050`],
      lastProgramNumber: 1,
    });
    expect(await agencyState(agencyCode)).toEqual(before);
    expect(await create(aProgramInput(agencyCode))).toMatchObject({ id: `${agencyCode}-00002` });
  });

  it('does not advance the numbering when the generated id collides', async () => {
    const agencyCode = await anAgency(subgraph);
    await aProgram(subgraph, { agencyCode, id: `${agencyCode}-00001` });

    const result = await subgraph.run(CREATE_PROGRAM, { input: aProgramInput(agencyCode) });

    expectGraphQLError(result, 'CONFLICT');
    expect(await agencyState(agencyCode)).toEqual({
      programIds: [`${agencyCode}-00001`],
      lastProgramNumber: 0,
    });
  });
});

describe('updateProgram', () => {
  it('changes only the given fields', async () => {
    const program = await aProgram(subgraph, { capacity: 8, requiredSkills: ['2221'] });

    const updated = await succeed<ProgramView>(subgraph, UPDATE_PROGRAM, {
      id: program.id,
      input: {
        title: { ar: 'عنوان جديد', en: 'New title' },
        capacity: 12,
        beneficiariesServed: 40,
      },
    });

    const expected = {
      ...programView(program),
      title: { ar: 'عنوان جديد', en: 'New title' },
      capacity: 12,
      beneficiariesServed: 40,
    };
    expect(updated).toEqual(expected);
    expect(await succeed(subgraph, PROGRAM, { id: program.id })).toEqual(expected);
  });

  it('replaces every other field when asked', async () => {
    const program = await aProgram(subgraph, { status: 'DRAFT' });
    const input = {
      description: { ar: 'وصف آخر', en: 'Another description' },
      kind: 'ADVISORY',
      regionCode: 'SA-09',
      startDate: '2026-02-01',
      endDate: '2026-02-01',
      requiredSkillCodes: ['5411', '5411', '2240'],
      status: 'OPEN',
    };

    const updated = await succeed<ProgramView>(subgraph, UPDATE_PROGRAM, { id: program.id, input });

    expect(updated).toEqual({
      ...programView(program),
      description: input.description,
      kind: 'ADVISORY',
      region: { code: 'SA-09' },
      startDate: '2026-02-01',
      endDate: '2026-02-01',
      requiredSkills: [{ code: '5411' }, { code: '2240' }],
      status: 'OPEN',
    });
  });

  it('answers NOT_FOUND on id for a program that does not exist', async () => {
    const result = await subgraph.run(UPDATE_PROGRAM, { id: 'FIX-99999', input: { capacity: 3 } });

    expectGraphQLError(result, 'NOT_FOUND', 'id');
  });

  const STATUS_MOVES: [ProgramStatus, ProgramStatus, boolean][] = [
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
  ];

  it.each(STATUS_MOVES.filter(([, , allowed]) => allowed))(
    'moves a %s program to %s',
    async (from, to) => {
      const program = await aProgram(subgraph, { status: from });

      const updated = await succeed<ProgramView>(subgraph, UPDATE_PROGRAM, {
        id: program.id,
        input: { status: to },
      });

      expect(updated).toEqual({ ...programView(program), status: to });
    },
  );

  it.each(STATUS_MOVES.filter(([, , allowed]) => !allowed))(
    'refuses to move a %s program to %s as CONFLICT on input.status',
    async (from, to) => {
      const program = await aProgram(subgraph, { status: from });

      const result = await subgraph.run(UPDATE_PROGRAM, {
        id: program.id,
        input: { status: to, capacity: 99 },
      });

      expectGraphQLError(result, 'CONFLICT', 'input.status');
      expect(await succeed(subgraph, PROGRAM, { id: program.id })).toEqual(programView(program));
    },
  );

  it('keeps the capacity at or above the accepted and active participants', async () => {
    const program = await aProgram(subgraph, { capacity: 6 });
    for (const status of [
      'ACCEPTED',
      'ACCEPTED',
      'ACTIVE',
      'APPLIED',
      'WITHDRAWN',
      'COMPLETED',
    ] as const) {
      await aParticipation(subgraph, program, { status });
    }

    const below = await subgraph.run(UPDATE_PROGRAM, { id: program.id, input: { capacity: 2 } });
    const exact = await succeed<ProgramView>(subgraph, UPDATE_PROGRAM, {
      id: program.id,
      input: { capacity: 3 },
    });

    expectGraphQLError(below, 'BAD_USER_INPUT', 'input.capacity');
    expect(exact.capacity).toBe(3);
  });

  it.each([
    ['an end date before the stored start', { endDate: '2026-02-28' }],
    ['a start date after the stored end', { startDate: '2026-10-01' }],
  ])('checks %s as BAD_USER_INPUT on input.endDate', async (_, input) => {
    const program = await aProgram(subgraph, { startDate: '2026-03-01', endDate: '2026-09-30' });

    const result = await subgraph.run(UPDATE_PROGRAM, { id: program.id, input });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.endDate');
    expect(await succeed(subgraph, PROGRAM, { id: program.id })).toEqual(programView(program));
  });

  it.each([
    ['a one-day program ending on the stored start', { endDate: '2026-03-01' }],
    ['both dates moved past the stored end', { startDate: '2026-10-01', endDate: '2026-11-30' }],
  ])('accepts %s', async (_, input) => {
    const program = await aProgram(subgraph, { startDate: '2026-03-01', endDate: '2026-09-30' });

    const updated = await succeed<ProgramView>(subgraph, UPDATE_PROGRAM, { id: program.id, input });

    expect(updated).toEqual({ ...programView(program), ...input });
  });

  it.each([
    [{ capacity: 0 }, 'input.capacity'],
    [{ title: { ar: 'عنوان', en: '' } }, 'input.title'],
    [{ description: { ar: ' ', en: 'Text' } }, 'input.description'],
    [{ regionCode: 'SA-15' }, 'input.regionCode'],
    [{ requiredSkillCodes: ['ABCD'] }, 'input.requiredSkillCodes'],
    [{ beneficiariesServed: -1 }, 'input.beneficiariesServed'],
  ])('refuses %j as BAD_USER_INPUT on %s', async (input, field) => {
    const program = await aProgram(subgraph);

    const result = await subgraph.run(UPDATE_PROGRAM, { id: program.id, input });

    expectGraphQLError(result, 'BAD_USER_INPUT', field);
    expect(await succeed(subgraph, PROGRAM, { id: program.id })).toEqual(programView(program));
  });
});
