import {
  agencyOfId,
  BAD_USER_INPUT,
  CONFLICT,
  FORBIDDEN,
  idempotentWrite,
  isoDate,
  NOT_FOUND,
  requireScope,
  today,
  withPrismaErrors,
} from '@sahem/kit';
import { requireParticipant, requireStaffOf } from '../access.ts';
import { agencyOfProgramId, newOwnedId, ownerOfId } from '../agencies/ownedId.ts';
import type { ProgramsInstanceConfig } from '../agencies/programsInstance.ts';
import { requireHeld } from '../agencies/requireHeld.ts';
import type { Participation, ParticipationStatus, Prisma } from '../__generated__/prisma/client.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { canMove, HOLDS_A_PLACE, PARTICIPATION_TRANSITIONS } from '../transitions.ts';

const PARTICIPATION_ERRORS = {
  entity: 'participation',
  fields: { volunteerId: 'input.volunteerId', programId: 'input.programId' },
};
const VOLUNTEER_ID = /^V-\d{7}$/;
const ISCO_UNIT_GROUP = /^\d{4}$/;

/**
 * The agency a participation or hour-log id names, refused unless this instance holds it; a text
 * that is no such id names nothing (NOT_FOUND, as an unknown id).
 */
function heldOwnerOf(
  instance: ProgramsInstanceConfig,
  id: string,
  field: string,
  what: string,
): string {
  const owner = ownerOfId(id);
  if (owner === null) throw NOT_FOUND.err(`No ${what} has the id ${id}.`, { field });
  requireHeld(instance, owner, field);
  return owner;
}

/** Locks and returns a participation of a held agency, or NOT_FOUND naming `field`. */
async function lockParticipation(
  tx: Prisma.TransactionClient,
  instance: ProgramsInstanceConfig,
  id: string,
  field: string,
): Promise<Participation> {
  const owner = heldOwnerOf(instance, id, field, 'participation');
  const [row] = await tx.$queryRaw<Participation[]>`
    SELECT * FROM "Participation" WHERE "id" = ${id} AND split_part("programId", '-', 1) = ${owner}
       FOR UPDATE`;
  if (!row) throw NOT_FOUND.err(`No participation has the id ${id}.`, { field });
  return row;
}

function refuseMove(from: ParticipationStatus, to: ParticipationStatus, field: string): void {
  if (!canMove(PARTICIPATION_TRANSITIONS, from, to) || from === to) {
    throw CONFLICT.err(`A ${from} participation cannot become ${to}.`, { field });
  }
}

/** Applications, acceptance, withdrawal and hour logging, each in one transaction. */
export const participationMutations: Pick<
  MutationResolvers,
  'applyToProgram' | 'acceptParticipation' | 'withdrawParticipation' | 'logHours' | 'verifyHours'
> = {
  applyToProgram: (_, { input }, { db, now, caller, instance }) => {
    requireScope(caller, 'programs:apply', 'apply to programs');
    // The program's id names its agency (`SCD-00042`): another agency's is not applied to here.
    const programOwner = agencyOfProgramId(input.programId);
    if (programOwner !== null) requireHeld(instance, programOwner, 'input.programId');
    // A volunteer applies for themself; only a platform admin may apply on someone's behalf.
    if (caller.role !== 'platform_admin' && caller.volunteerId !== input.volunteerId) {
      throw FORBIDDEN.err('A volunteer applies for themself only.', { field: 'input.volunteerId' });
    }
    if (!VOLUNTEER_ID.test(input.volunteerId)) {
      throw BAD_USER_INPUT.err(`${input.volunteerId} is not a volunteer id (V-0000042).`, {
        field: 'input.volunteerId',
      });
    }
    if (!ISCO_UNIT_GROUP.test(input.skillCode)) {
      throw BAD_USER_INPUT.err(
        `${input.skillCode} is not an ISCO-08 unit group code (four digits).`,
        {
          field: 'input.skillCode',
        },
      );
    }
    return withPrismaErrors(PARTICIPATION_ERRORS, () =>
      db.$transaction((tx) =>
        idempotentWrite(tx, {
          key: input.idempotencyKey,
          caller,
          operation: 'applyToProgram',
          input,
          idOf: (participation) => participation.id,
          find: (id) => tx.participation.findUnique({ where: { id } }),
          write: async () => {
            const program = await tx.program.findUnique({ where: { id: input.programId } });
            if (!program) {
              throw NOT_FOUND.err(`No program has the id ${input.programId}.`, {
                field: 'input.programId',
              });
            }
            if (program.status !== 'OPEN') {
              throw CONFLICT.err(`${program.id} is ${program.status}, not open for applications.`, {
                field: 'input.programId',
              });
            }
            if (program.endDate < today(now())) {
              throw CONFLICT.err(`${program.id} ended on ${isoDate(program.endDate)}.`, {
                field: 'input.programId',
              });
            }
            const existing = await tx.participation.findUnique({
              where: {
                volunteerId_programId: { volunteerId: input.volunteerId, programId: program.id },
              },
              select: { status: true },
            });
            if (existing) {
              throw CONFLICT.err(
                `${input.volunteerId} already applied to ${program.id} (${existing.status}).`,
                {
                  field: 'input.volunteerId',
                },
              );
            }
            return tx.participation.create({
              data: {
                id: newOwnedId(program.agencyCode),
                volunteerId: input.volunteerId,
                programId: program.id,
                skillCode: input.skillCode,
              },
            });
          },
        }),
      ),
    );
  },

  acceptParticipation: (_, { id, role, joinedOn }, { db, now, caller, instance }) => {
    requireScope(caller, 'programs:write', 'accept applications');
    heldOwnerOf(instance, id, 'id', 'participation');
    return db.$transaction(async (tx) => {
      const participation = await lockParticipation(tx, instance, id, 'id');
      requireStaffOf(caller, agencyOfId(participation.programId), 'id');
      refuseMove(participation.status, 'ACCEPTED', 'id');
      // Locking the program serialises acceptances, so capacity holds under concurrency.
      const [program] = await tx.$queryRaw<
        { id: string; status: string; capacity: number; startDate: Date; endDate: Date }[]
      >`
        SELECT "id", "status"::text, "capacity", "startDate", "endDate"
          FROM "Program" WHERE "id" = ${participation.programId} FOR UPDATE`;
      if (!program || (program.status !== 'OPEN' && program.status !== 'CLOSED')) {
        throw CONFLICT.err(`${participation.programId} is not running; nobody can be accepted.`, {
          field: 'id',
        });
      }
      const holding = await tx.participation.count({
        where: { programId: program.id, status: { in: [...HOLDS_A_PLACE] } },
      });
      if (holding >= program.capacity) {
        throw CONFLICT.err(
          `${program.id} is full: ${holding} of ${program.capacity} places are taken.`,
          {
            field: 'id',
          },
        );
      }
      const start =
        joinedOn ?? new Date(Math.max(today(now()).getTime(), program.startDate.getTime()));
      if (start < program.startDate || start > program.endDate) {
        throw BAD_USER_INPUT.err(
          `The participation must start between ${isoDate(program.startDate)} and ${isoDate(program.endDate)}.`,
          { field: joinedOn ? 'joinedOn' : 'id' },
        );
      }
      return tx.participation.update({
        where: { id },
        data: { status: 'ACCEPTED', role: role ?? 'MEMBER', joinedOn: start },
      });
    });
  },

  withdrawParticipation: (_, { id }, { db, caller, instance }) => {
    requireScope(caller, null, 'withdraw a participation');
    heldOwnerOf(instance, id, 'id', 'participation');
    return db.$transaction(async (tx) => {
      const participation = await lockParticipation(tx, instance, id, 'id');
      requireParticipant(caller, participation, 'id');
      refuseMove(participation.status, 'WITHDRAWN', 'id');
      return tx.participation.update({ where: { id }, data: { status: 'WITHDRAWN' } });
    });
  },

  logHours: (_, { input }, { db, now, caller, instance }) => {
    requireScope(caller, 'hours:log', 'log hours');
    const owner = heldOwnerOf(
      instance,
      input.participationId,
      'input.participationId',
      'participation',
    );
    const fail = (field: string, message: string): never => {
      throw BAD_USER_INPUT.err(message, { field: `input.${field}` });
    };
    const { hours, date } = input;
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24)
      fail('hours', 'Hours must be above 0 and at most 24.');
    // Compared as decimals: 1.15 * 100 is 114.99999999999999 in binary floating point.
    if (Number(hours.toFixed(2)) !== hours)
      fail('hours', 'Hours take at most two decimals (1.25).');
    if (date > today(now())) fail('date', `${isoDate(date)} is in the future.`);
    const activity = input.activity.trim();
    if (activity.length < 2 || activity.length > 500) {
      fail('activity', 'Describe the activity in 2 to 500 characters.');
    }
    return db.$transaction((tx) =>
      idempotentWrite(tx, {
        key: input.idempotencyKey,
        caller,
        operation: 'logHours',
        input,
        idOf: (log) => log.id,
        find: (id) => tx.hourLog.findUnique({ where: { id } }),
        write: async () => {
          const participation = await lockParticipation(
            tx,
            instance,
            input.participationId,
            'input.participationId',
          );
          requireParticipant(caller, participation, 'input.participationId');
          if (participation.status !== 'ACCEPTED' && participation.status !== 'ACTIVE') {
            throw CONFLICT.err(
              `Hours cannot be logged on a ${participation.status} participation.`,
              {
                field: 'input.participationId',
              },
            );
          }
          if (participation.joinedOn && date < participation.joinedOn) {
            fail(
              'date',
              `The participation started on ${isoDate(participation.joinedOn)}; ${isoDate(date)} is before it.`,
            );
          }
          const sameDay = await tx.hourLog.aggregate({
            where: { participationId: participation.id, date },
            _sum: { hours: true },
          });
          const logged = sameDay._sum.hours?.toNumber() ?? 0;
          if (logged + hours > 24) {
            fail('hours', `${logged} hours are already logged on ${isoDate(date)}; a day has 24.`);
          }
          if (participation.status === 'ACCEPTED') {
            await tx.participation.update({
              where: { id: participation.id },
              data: { status: 'ACTIVE' },
            });
          }
          return tx.hourLog.create({
            data: {
              id: newOwnedId(owner),
              participationId: participation.id,
              date,
              hours,
              activity,
            },
          });
        },
      }),
    );
  },

  verifyHours: (_, { hourLogId, verifiedBy }, { db, now, caller, instance }) => {
    requireScope(caller, 'hours:verify', 'verify hours');
    const owner = heldOwnerOf(instance, hourLogId, 'hourLogId', 'hour log');
    if (!verifiedBy.trim()) {
      throw BAD_USER_INPUT.err('Name the officer who verifies the hours.', { field: 'verifiedBy' });
    }
    return db.$transaction(async (tx) => {
      // Shared with other verifications, exclusive of `closePeriod`: a close either committed
      // before the statements below (which then see it) or waits for this one to commit.
      await tx.$queryRaw`SELECT 1 FROM "Agency" WHERE "code" = ${owner} FOR SHARE`;
      const [log] = await tx.$queryRaw<
        { verified: boolean; programId: string; afterClose: boolean }[]
      >`
        SELECT h."verified", pa."programId",
               EXISTS (SELECT 1 FROM "PeriodClose" c
                        WHERE c."agencyCode" = ${owner}
                          AND h."date" >= c."startDate" AND h."date" < c."endDate") AS "afterClose"
          FROM "HourLog" h JOIN "Participation" pa ON pa."id" = h."participationId"
         WHERE h."id" = ${hourLogId} AND split_part(pa."programId", '-', 1) = ${owner}
           FOR UPDATE OF h`;
      if (!log) {
        throw NOT_FOUND.err(`No hour log has the id ${hourLogId}.`, { field: 'hourLogId' });
      }
      requireStaffOf(caller, agencyOfId(log.programId), 'hourLogId');
      if (log.verified)
        throw CONFLICT.err('These hours are already verified.', { field: 'hourLogId' });
      return tx.hourLog.update({
        where: { id: hourLogId },
        data: {
          verified: true,
          verifiedBy: verifiedBy.trim(),
          verifiedAt: now(),
          // Hours of a closed period: reported as verified late, never moving its figures.
          verifiedAfterClose: log.afterClose,
        },
      });
    });
  },
};
