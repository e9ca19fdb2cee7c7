import type { RegisteredAgency } from '@sahem/kit';
import type { PrismaClient } from '../__generated__/prisma/client.ts';

/**
 * Writes the held agencies' rows as the registry has them (bilingual name, sector), in one
 * statement, at every start: the registry is where the platform team edits an agency, and an
 * agency added there appears once its instance starts. Program numbering is left alone.
 */
export async function upsertHeldAgencies(
  db: PrismaClient,
  agencies: readonly RegisteredAgency[],
): Promise<void> {
  const column = (pick: (agency: RegisteredAgency) => string) => agencies.map(pick);
  await db.$executeRaw`
    INSERT INTO "Agency" ("code", "nameAr", "nameEn", "sector")
    SELECT * FROM unnest(${column((a) => a.code)}::text[], ${column((a) => a.name.ar)}::text[],
                         ${column((a) => a.name.en)}::text[], ${column((a) => a.sector)}::text[])
    ON CONFLICT ("code") DO UPDATE
       SET "nameAr" = excluded."nameAr", "nameEn" = excluded."nameEn", "sector" = excluded."sector"`;
}
