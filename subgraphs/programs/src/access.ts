import { FORBIDDEN, isStaffOf, UNAUTHENTICATED, type Caller } from '@sahem/kit';
import { Prisma } from './__generated__/prisma/client.ts';

/**
 * Which participations (and so hour logs) a caller may see: a platform admin all, agency staff
 * those in their agency's programs, a volunteer their own, anyone else none; and only those of
 * the `held` agencies' programs, whatever else the database holds. As a Prisma filter and as SQL
 * over `pa` (Participation) joined to `p` (Program).
 */
export function visibleParticipations(
  caller: Caller,
  held: readonly string[],
): {
  where: Prisma.ParticipationWhereInput;
  sql: Prisma.Sql;
} {
  const rule = callerRule(caller);
  return {
    where: { AND: [rule.where, { program: { agencyCode: { in: [...held] } } }] },
    sql: Prisma.sql`(${rule.sql}) AND p."agencyCode" = ANY(${[...held]}::text[])`,
  };
}

function callerRule(caller: Caller): { where: Prisma.ParticipationWhereInput; sql: Prisma.Sql } {
  switch (caller.role) {
    case 'platform_admin':
      return { where: {}, sql: Prisma.sql`TRUE` };
    case 'agency_officer':
      return {
        where: { program: { agencyCode: caller.agency ?? '' } },
        sql: Prisma.sql`p."agencyCode" = ${caller.agency ?? ''}`,
      };
    case 'volunteer':
      return {
        where: { volunteerId: caller.volunteerId ?? '' },
        sql: Prisma.sql`pa."volunteerId" = ${caller.volunteerId ?? ''}`,
      };
    default:
      return { where: { id: { in: [] } }, sql: Prisma.sql`FALSE` };
  }
}

/**
 * Refuses to list a program's participants to a caller who may see none of them whatever the
 * program: an analyst (aggregates only) or staff of another agency. An empty list would read
 * exactly like a program nobody joined. A volunteer may ask, and sees their own participation.
 */
export function requireParticipantsReader(
  caller: Caller,
  program: { id: string; agencyCode: string },
  field: string,
): void {
  if (caller.role === 'anonymous')
    throw UNAUTHENTICATED.err(`Sign in to see who takes part in ${program.id}.`);
  if (caller.role === 'volunteer' || isStaffOf(caller, program.agencyCode)) return;
  throw FORBIDDEN.err(
    `Only staff of ${program.agencyCode}, platform admins and the volunteers taking part may see who takes part in ${program.id}; cross-agency figures are in the period aggregates.`,
    { field },
  );
}

/**
 * Programs a caller may see, of the `held` agencies: an anonymous caller the open ones (the
 * public catalogue), anyone else all.
 */
export function visiblePrograms(caller: Caller, held: readonly string[]): Prisma.ProgramWhereInput {
  const ofHeld: Prisma.ProgramWhereInput = { agencyCode: { in: [...held] } };
  return caller.role === 'anonymous' ? { AND: [ofHeld, { status: 'OPEN' }] } : ofHeld;
}

/** {@link visiblePrograms} as SQL over `p` (Program). */
export function visibleProgramsSql(caller: Caller, held: readonly string[]): Prisma.Sql {
  const ofHeld = Prisma.sql`p."agencyCode" = ANY(${[...held]}::text[])`;
  return caller.role === 'anonymous' ? Prisma.sql`${ofHeld} AND p."status" = 'OPEN'` : ofHeld;
}

/** Refuses a write to another agency's records (agency staff write for their own agency only). */
export function requireStaffOf(caller: Caller, agencyCode: string, field: string): void {
  if (!isStaffOf(caller, agencyCode)) {
    throw FORBIDDEN.err(
      `Only staff of ${agencyCode} (or a platform admin) may change its records.`,
      { field },
    );
  }
}

/**
 * Refuses acting on someone else's participation: the volunteer themself, staff of the
 * program's agency and platform admins may.
 */
export function requireParticipant(
  caller: Caller,
  participation: { volunteerId: string; programId: string },
  field: string,
): void {
  const agency = participation.programId.slice(0, participation.programId.indexOf('-'));
  if (caller.role === 'volunteer' && caller.volunteerId === participation.volunteerId) return;
  if (isStaffOf(caller, agency)) return;
  throw FORBIDDEN.err(
    "Only the volunteer, staff of the program's agency or a platform admin may do this.",
    {
      field,
    },
  );
}
