import {
  BAD_USER_INPUT,
  CONFLICT,
  FORBIDDEN,
  hasScope,
  idempotentWrite,
  NOT_FOUND,
  requireScope,
  withPrismaErrors,
  type Caller,
} from '@sahem/kit';
import type { Prisma } from '../__generated__/prisma/client.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { hashNationalId } from '../nationalId.ts';
import { validateVolunteer } from '../validateVolunteer.ts';

// Unique columns named as the input fields a client sent, so a CONFLICT points at the form field.
const VOLUNTEER_ERRORS = {
  entity: 'volunteer',
  fields: { nationalIdHash: 'input.nationalId', email: 'input.email' },
  notFoundField: 'id',
};

/**
 * Runs a write, saying which unique field collided to platform admins only: to anyone else,
 * "input.email" would tell whether an address (or a national id) is registered, which is
 * itself personal data. The message still lets a desk officer ask an admin to look.
 */
async function writeVolunteer<T>(caller: Caller, work: () => Promise<T>): Promise<T> {
  try {
    return await withPrismaErrors(VOLUNTEER_ERRORS, work);
  } catch (error) {
    const extensions = (error as { extensions?: { code?: unknown; field?: unknown } }).extensions;
    // A reused idempotency key is the caller's own: saying so tells nothing about anyone.
    if (
      !hasScope(caller, 'volunteers:admin') &&
      extensions?.code === 'CONFLICT' &&
      extensions.field !== 'input.idempotencyKey'
    ) {
      throw CONFLICT.err(
        'These details cannot be registered: the person or the email may be registered already. A platform admin can check which.',
      );
    }
    throw error;
  }
}

/** Refuses skill codes the catalogue does not know, naming the first unknown one. */
async function checkSkills(
  tx: Prisma.TransactionClient,
  codes: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(codes)];
  const known = await tx.skill.findMany({
    where: { code: { in: unique } },
    select: { code: true },
  });
  const knownCodes = new Set(known.map((skill) => skill.code));
  const unknown = unique.find((code) => !knownCodes.has(code));
  if (unknown !== undefined) {
    throw BAD_USER_INPUT.err(`${unknown} is not an ISCO-08 code in the skill catalogue.`, {
      field: 'input.skillCodes',
    });
  }
  return unique;
}

export const Mutation: MutationResolvers = {
  registerVolunteer: (_, { input }, { db, nationalIdSalt, caller }) => {
    requireScope(caller, null, 'register volunteers');
    if (!hasScope(caller, 'volunteers:admin') && !hasScope(caller, 'volunteers:register')) {
      throw FORBIDDEN.err(
        'Volunteers are registered at an agency desk (volunteers:register) or by a platform admin.',
      );
    }
    const clean = validateVolunteer(input);
    return writeVolunteer(caller, () =>
      db.$transaction((tx) =>
        idempotentWrite(tx, {
          key: input.idempotencyKey,
          caller,
          operation: 'registerVolunteer',
          // The raw national id is never kept, not even inside a hash anyone could recompute.
          input: { ...input, nationalId: hashNationalId(input.nationalId, nationalIdSalt) },
          idOf: (volunteer) => volunteer.id,
          find: (id) => tx.volunteer.findUnique({ where: { id } }),
          write: async () => {
            const skillCodes = await checkSkills(tx, input.skillCodes);
            return tx.volunteer.create({
              data: {
                fullName: clean.fullName!,
                nationalIdHash: hashNationalId(input.nationalId, nationalIdSalt),
                nationalIdLast4: input.nationalId.slice(-4),
                gender: input.gender,
                birthYear: input.birthYear,
                regionCode: input.regionCode,
                city: clean.city!,
                email: clean.email!,
                phone: clean.phone ?? null,
                weeklyAvailabilityHours: input.weeklyAvailabilityHours,
                kinds: clean.kinds!,
                skills: { create: skillCodes.map((skillCode) => ({ skillCode })) },
              },
            });
          },
        }),
      ),
    );
  },

  updateVolunteer: (_, { id, input }, { db, caller }) => {
    requireScope(caller, null, 'change a volunteer');
    if (!caller.scopes.includes('volunteers:admin') && caller.volunteerId !== id) {
      throw FORBIDDEN.err('A volunteer changes their own record only.', { field: 'id' });
    }
    const clean = validateVolunteer(input);
    return writeVolunteer(caller, () =>
      db.$transaction(async (tx) => {
        const existing = await tx.volunteer.findUnique({ where: { id }, select: { id: true } });
        if (!existing) throw NOT_FOUND.err(`No volunteer has the id ${id}.`, { field: 'id' });
        if (input.skillCodes != null) {
          const skillCodes = await checkSkills(tx, input.skillCodes);
          await tx.volunteerSkill.deleteMany({ where: { volunteerId: id } });
          await tx.volunteerSkill.createMany({
            data: skillCodes.map((skillCode) => ({ volunteerId: id, skillCode })),
          });
        }
        return tx.volunteer.update({
          where: { id },
          data: {
            ...(clean.fullName != null && { fullName: clean.fullName }),
            ...(input.regionCode != null && { regionCode: input.regionCode }),
            ...(clean.city != null && { city: clean.city }),
            ...(clean.email != null && { email: clean.email }),
            ...(input.phone !== undefined && { phone: clean.phone ?? null }),
            ...(input.weeklyAvailabilityHours != null && {
              weeklyAvailabilityHours: input.weeklyAvailabilityHours,
            }),
            ...(clean.kinds != null && { kinds: clean.kinds }),
          },
        });
      }),
    );
  },

  changeVolunteerStatus: (_, { id, status }, { db, caller }) => {
    requireScope(caller, 'volunteers:admin', "change a volunteer's status");
    // A transaction like every write, so the caller's deadline can still roll it back.
    return withPrismaErrors(VOLUNTEER_ERRORS, () =>
      db.$transaction((tx) => tx.volunteer.update({ where: { id }, data: { status } })),
    );
  },
};
