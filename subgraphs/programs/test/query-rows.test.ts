import { queryRows } from '@sahem/kit';
import { describe, expect, it } from 'vitest';
import { Prisma } from '../src/__generated__/prisma/client.ts';
import { aParticipation, aProgram } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// The hot reads moved from Prisma's $queryRaw to the pg pool must see the same rows: dates at
// UTC midnight, timestamps, enums, text arrays and ints as Prisma gives them.
const subgraph = useProgramsSubgraph();

describe('queryRows', () => {
  it('reads the rows Prisma reads, through the pool and through a transaction', async () => {
    const program = await aProgram(subgraph, {
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      requiredSkills: ['2221', '5411'],
      beneficiariesServed: 12,
    });
    await aParticipation(subgraph, program, { status: 'ACCEPTED', joinedOn: '2026-03-04' });
    const statement = () => Prisma.sql`
      SELECT p.*, pa."joinedOn", pa."status", pa."appliedAt"
        FROM "Program" p JOIN "Participation" pa ON pa."programId" = p."id"
       WHERE p."id" = ANY(${[program.id]}::text[]) AND pa."joinedOn" >= ${new Date('2026-03-04T00:00:00Z')}::date`;
    const { prisma } = subgraph.db;
    const byPrisma = await prisma.$queryRaw<Record<string, unknown>[]>(statement());
    const byPool = await queryRows<Record<string, unknown>>(prisma, statement());
    // A transaction client has no pool of its own: the same statement through Prisma.
    const inTransaction = await prisma.$transaction((tx) =>
      queryRows<Record<string, unknown>>(tx, statement()),
    );
    expect(byPrisma).toHaveLength(1);
    expect(byPool).toEqual(byPrisma);
    expect(inTransaction).toEqual(byPrisma);
    expect(byPool[0]).toMatchObject({
      startDate: new Date('2026-01-01T00:00:00Z'),
      joinedOn: new Date('2026-03-04T00:00:00Z'),
      requiredSkills: ['2221', '5411'],
      beneficiariesServed: 12,
      status: 'ACCEPTED',
    });
  });
});
