import type { RunningSubgraph } from '@sahem/kit';

/**
 * The id of `agencyCode`'s program with the most participations. Which program gets which
 * number depends on the scale (`SCD-00001` has 10 participations at scale 1 and none at
 * scale 4), so a fixed id would measure a different, possibly empty, program at each scale.
 */
export async function busiestProgram(
  programs: RunningSubgraph<unknown>,
  agencyCode: string,
): Promise<string> {
  const { rows } = await programs.db.pool.query<{ id: string }>(
    `SELECT "programId" AS id FROM "Participation"
      WHERE "programId" LIKE $1 || '-%'
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [agencyCode],
  );
  if (!rows[0]) throw new Error(`no ${agencyCode} program has participations`);
  return rows[0].id;
}
