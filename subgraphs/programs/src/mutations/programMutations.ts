import {
  BAD_USER_INPUT,
  CONFLICT,
  idempotentWrite,
  NOT_FOUND,
  requireScope,
  withPrismaErrors,
} from '@sahem/kit';
import { requireStaffOf } from '../access.ts';
import { agencyOfProgramId } from '../agencies/ownedId.ts';
import { requireHeld } from '../agencies/requireHeld.ts';
import { Prisma } from '../__generated__/prisma/client.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { canMove, HOLDS_A_PLACE, PROGRAM_TRANSITIONS } from '../transitions.ts';
import { isProgramIdOf, validateProgram, type ProgramFields } from '../validateProgram.ts';

const PROGRAM_ERRORS = { entity: 'program', fields: { id: 'input.id' } };

/** createProgram and updateProgram: each validates the stored result, in one transaction. */
export const programMutations: Pick<MutationResolvers, 'createProgram' | 'updateProgram'> = {
  createProgram: (_, { input }, { db, caller, instance }) => {
    requireScope(caller, 'programs:write', 'create programs');
    // Where the record would live before who may write it: it is not this instance's to store.
    requireHeld(instance, input.agencyCode, 'input.agencyCode');
    requireStaffOf(caller, input.agencyCode, 'input.agencyCode');
    return withPrismaErrors(PROGRAM_ERRORS, () =>
      db.$transaction((tx) =>
        idempotentWrite(tx, {
          key: input.idempotencyKey,
          caller,
          operation: 'createProgram',
          input,
          idOf: (program) => program.id,
          find: (id) => tx.program.findUnique({ where: { id } }),
          write: async () => {
            if (input.status !== 'DRAFT' && input.status !== 'OPEN') {
              throw BAD_USER_INPUT.err('A new program starts as DRAFT or OPEN.', {
                field: 'input.status',
              });
            }
            if (input.id != null && !isProgramIdOf(input.agencyCode, input.id)) {
              throw BAD_USER_INPUT.err(
                `A program id of ${input.agencyCode} reads ${input.agencyCode}-00042: the agency code, a dash, five digits.`,
                { field: 'input.id' },
              );
            }
            const fields: ProgramFields = {
              agencyCode: input.agencyCode,
              titleAr: input.title.ar,
              titleEn: input.title.en,
              descriptionAr: input.description.ar,
              descriptionEn: input.description.en,
              regionCode: input.regionCode,
              startDate: input.startDate,
              endDate: input.endDate,
              capacity: input.capacity,
              requiredSkills: [...new Set(input.requiredSkillCodes ?? [])],
              beneficiariesServed: 0,
            };
            validateProgram(fields);
            // Taking the next number (or recording an explicit one) locks the agency row, so
            // concurrent creations of one agency never hand out the same id.
            const number =
              input.id != null ? Number(input.id.slice(input.agencyCode.length + 1)) : null;
            const [agency] = await tx.$queryRaw<{ lastProgramNumber: number }[]>`
          UPDATE "Agency"
             SET "lastProgramNumber" = ${
               number === null
                 ? Prisma.sql`"lastProgramNumber" + 1`
                 : Prisma.sql`GREATEST("lastProgramNumber", ${number})`
             }
           WHERE "code" = ${input.agencyCode}
       RETURNING "lastProgramNumber"`;
            if (!agency) {
              throw BAD_USER_INPUT.err(`No agency has the code ${input.agencyCode}.`, {
                field: 'input.agencyCode',
              });
            }
            const id =
              input.id ??
              `${input.agencyCode}-${String(agency.lastProgramNumber).padStart(5, '0')}`;
            return tx.program.create({
              data: { id, ...fields, kind: input.kind, status: input.status },
            });
          },
        }),
      ),
    );
  },

  updateProgram: (_, { id, input }, { db, caller, instance }) => {
    requireScope(caller, 'programs:write', 'change programs');
    // An id naming no agency names no program (NOT_FOUND below).
    const owner = agencyOfProgramId(id);
    if (owner !== null) requireHeld(instance, owner, 'id');
    return withPrismaErrors(PROGRAM_ERRORS, () =>
      db.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Program" WHERE "id" = ${id} FOR UPDATE`;
        const program = locked && (await tx.program.findUnique({ where: { id } }));
        if (!program) throw NOT_FOUND.err(`No program has the id ${id}.`, { field: 'id' });
        requireStaffOf(caller, program.agencyCode, 'id');
        const fields: ProgramFields = {
          agencyCode: program.agencyCode,
          titleAr: input.title?.ar ?? program.titleAr,
          titleEn: input.title?.en ?? program.titleEn,
          descriptionAr: input.description?.ar ?? program.descriptionAr,
          descriptionEn: input.description?.en ?? program.descriptionEn,
          regionCode: input.regionCode ?? program.regionCode,
          startDate: input.startDate ?? program.startDate,
          endDate: input.endDate ?? program.endDate,
          capacity: input.capacity ?? program.capacity,
          requiredSkills: input.requiredSkillCodes
            ? [...new Set(input.requiredSkillCodes)]
            : program.requiredSkills,
          beneficiariesServed: input.beneficiariesServed ?? program.beneficiariesServed,
        };
        validateProgram(fields);
        // Hours are grouped by the program's region as it is now: moving a program that ran in
        // a closed period would move that period's regional figures.
        if (fields.regionCode !== program.regionCode) {
          const closed = await tx.closedPeriodProgram.findFirst({
            where: { programId: id },
            select: { period: true },
          });
          if (closed) {
            throw BAD_USER_INPUT.err(
              `${id} ran in ${closed.period}, which its agency closed: its region stays as it was.`,
              { field: 'input.regionCode' },
            );
          }
        }
        const status = input.status ?? program.status;
        if (!canMove(PROGRAM_TRANSITIONS, program.status, status)) {
          throw CONFLICT.err(`A ${program.status} program cannot become ${status}.`, {
            field: 'input.status',
          });
        }
        if (input.capacity != null) {
          const holding = await tx.participation.count({
            where: { programId: id, status: { in: [...HOLDS_A_PLACE] } },
          });
          if (input.capacity < holding) {
            throw BAD_USER_INPUT.err(
              `Capacity cannot go below the ${holding} participants already accepted.`,
              { field: 'input.capacity' },
            );
          }
        }
        return tx.program.update({
          where: { id },
          data: { ...fields, status, ...(input.kind != null && { kind: input.kind }) },
        });
      }),
    );
  },
};
