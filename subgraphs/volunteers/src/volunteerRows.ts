import { queryRows } from '@sahem/kit';
import { Prisma, type PrismaClient, type Volunteer } from './__generated__/prisma/client.ts';

// Every column of `Volunteer`, cast to what `pg` parses as Prisma does: enums and the enum
// array as text (an array of an enum type would come back as the literal '{A,B}'), the decimal
// as text, turned into a `Decimal` below as Prisma returns it.
const VOLUNTEER_COLUMNS = Prisma.sql`v."id", v."fullName", v."nationalIdHash", v."nationalIdLast4",
  v."gender"::text AS "gender", v."birthYear", v."regionCode", v."city", v."email", v."phone",
  v."weeklyAvailabilityHours"::text AS "weeklyAvailabilityHours", v."kinds"::text[] AS "kinds",
  v."status"::text AS "status", v."registeredAt", v."updatedAt"`;

type VolunteerRow = Omit<Volunteer, 'weeklyAvailabilityHours'> & {
  weeklyAvailabilityHours: string;
};

/**
 * Volunteers matching `where` (a condition on `v`, the `Volunteer` table), in id order, at most
 * `limit`: the volunteer loader and the search, read through the `pg` pool (`queryRows`)
 * rather than Prisma's `findMany`, whose query compiler and result mapping cost several times
 * the statement on these hot paths. The rows are shaped as `findMany` returns them.
 */
export async function selectVolunteers(
  db: PrismaClient,
  where: Prisma.Sql,
  limit?: number,
): Promise<Volunteer[]> {
  const rows = await queryRows<VolunteerRow>(
    db,
    Prisma.sql`SELECT ${VOLUNTEER_COLUMNS} FROM "Volunteer" v WHERE ${where} ORDER BY v."id"
      ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`,
  );
  return rows.map((row) => ({
    ...row,
    weeklyAvailabilityHours: new Prisma.Decimal(row.weeklyAvailabilityHours),
  }));
}

/** How many volunteers match `where` (a condition on `v`), through the `pg` pool. */
export async function countVolunteers(db: PrismaClient, where: Prisma.Sql): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    Prisma.sql`SELECT count(*)::int AS count FROM "Volunteer" v WHERE ${where}`,
  );
  return row?.count ?? 0;
}
