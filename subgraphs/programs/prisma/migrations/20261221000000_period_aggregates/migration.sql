-- CreateTable
CREATE TABLE "ParticipationMonth" (
    "participationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "programId" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "skillCode" TEXT NOT NULL,
    "asLead" BOOLEAN NOT NULL,
    "logs" INTEGER NOT NULL,
    "hours" DECIMAL(10,2) NOT NULL,
    "lateLogs" INTEGER NOT NULL,
    "lateHours" DECIMAL(10,2) NOT NULL,

    CONSTRAINT "ParticipationMonth_pkey" PRIMARY KEY ("participationId","month")
);

-- CreateIndex
CREATE INDEX "ParticipationMonth_month_programId_idx" ON "ParticipationMonth"("month", "programId");

-- CreateIndex
CREATE INDEX "ParticipationMonth_programId_month_idx" ON "ParticipationMonth"("programId", "month");


-- ParticipationMonth is kept by the triggers below in the transaction of every write to
-- "HourLog" or "Participation": the period figures read it instead of the hour logs.
-- A log counts when verified and not verified after a close (COUNTED_LOG in periodStats.ts);
-- one verified after a close counts apart, as late hours.

-- The statements adding to the month rows what the hour logs `source` yields ("sign", then
-- "HourLog"'s columns) contribute: the same text for the triggers (over their transition
-- tables) and a rebuild (over the whole table). Texts, not a function running them, because a
-- transition table is visible to its trigger function only. Months left with nothing counted
-- (logs deleted or unverified) lose their row, as a rebuild would leave them.
CREATE FUNCTION "participation_months_add"(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($sql$
    WITH d AS (
      SELECT h."participationId", date_trunc('month', h."date")::date AS "month",
             sum(CASE WHEN h."verified" AND NOT h."verifiedAfterClose" THEN h.sign ELSE 0 END)::int AS "logs",
             sum(CASE WHEN h."verified" AND NOT h."verifiedAfterClose" THEN h.sign * h."hours" ELSE 0 END) AS "hours",
             sum(CASE WHEN h."verifiedAfterClose" THEN h.sign ELSE 0 END)::int AS "lateLogs",
             sum(CASE WHEN h."verifiedAfterClose" THEN h.sign * h."hours" ELSE 0 END) AS "lateHours"
        FROM (%s) h
       WHERE h."verified" OR h."verifiedAfterClose"
       GROUP BY 1, 2
      -- An update that changes nothing counted (an activity's text) writes nothing.
      HAVING sum(CASE WHEN h."verified" AND NOT h."verifiedAfterClose" THEN h.sign ELSE 0 END) <> 0
          OR sum(CASE WHEN h."verifiedAfterClose" THEN h.sign ELSE 0 END) <> 0
          OR sum(h.sign * h."hours") <> 0
    )
    INSERT INTO "ParticipationMonth" AS m
           ("participationId", "month", "programId", "volunteerId", "skillCode", "asLead",
            "logs", "hours", "lateLogs", "lateHours")
    SELECT d."participationId", d."month", pa."programId", pa."volunteerId", pa."skillCode",
           pa."role" = 'TEAM_LEAD', d."logs", d."hours", d."lateLogs", d."lateHours"
      FROM d JOIN "Participation" pa ON pa."id" = d."participationId"
    ON CONFLICT ("participationId", "month") DO UPDATE
       SET "logs" = m."logs" + EXCLUDED."logs", "hours" = m."hours" + EXCLUDED."hours",
           "lateLogs" = m."lateLogs" + EXCLUDED."lateLogs",
           "lateHours" = m."lateHours" + EXCLUDED."lateHours"
  $sql$, source),
  -- A second statement: the first one's writes are not visible to itself.
  format($sql$
    DELETE FROM "ParticipationMonth" m
     WHERE m."logs" = 0 AND m."lateLogs" = 0
       AND m."participationId" IN (SELECT h."participationId" FROM (%s) h WHERE h.sign < 0)
  $sql$, source)]
$$;

-- Statement-level triggers with transition tables: one grouped upsert per statement, so a bulk
-- insert of 10,000 logs costs one pass, not 10,000 row triggers.
CREATE FUNCTION "hour_log_to_months"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE statement text;
BEGIN
  FOREACH statement IN ARRAY "participation_months_add"(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM "new_rows"'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM "old_rows"'
    ELSE 'SELECT 1 AS sign, * FROM "new_rows" UNION ALL SELECT -1, * FROM "old_rows"' END)
  LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "hour_log_inserted_to_months" AFTER INSERT ON "HourLog"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "hour_log_to_months"();
CREATE TRIGGER "hour_log_updated_to_months" AFTER UPDATE ON "HourLog"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "hour_log_to_months"();
CREATE TRIGGER "hour_log_deleted_to_months" AFTER DELETE ON "HourLog"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "hour_log_to_months"();

-- A truncated "HourLog" (a reseed) leaves no month behind.
CREATE FUNCTION "hour_log_truncated_to_months"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "ParticipationMonth";
  RETURN NULL;
END $$;
CREATE TRIGGER "hour_log_truncated_to_months" AFTER TRUNCATE ON "HourLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "hour_log_truncated_to_months"();

-- The participation's columns copied into its months follow it (a role or skill corrected).
CREATE FUNCTION "participation_to_months"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ParticipationMonth" m
     SET "programId" = pa."programId", "volunteerId" = pa."volunteerId",
         "skillCode" = pa."skillCode", "asLead" = pa."role" = 'TEAM_LEAD'
    FROM "new_rows" pa
   WHERE m."participationId" = pa."id"
     AND (m."programId", m."volunteerId", m."skillCode", m."asLead")
         IS DISTINCT FROM (pa."programId", pa."volunteerId", pa."skillCode", pa."role" = 'TEAM_LEAD');
  RETURN NULL;
END $$;
CREATE TRIGGER "participation_to_months" AFTER UPDATE ON "Participation"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "participation_to_months"();

-- Every month row recomputed from the hour logs (after a bulk load with triggers disabled, or
-- to check the maintained rows): `rebuildPeriodAggregates` in src/periodAggregates calls it.
CREATE FUNCTION "rebuild_participation_months"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE statement text;
BEGIN
  DELETE FROM "ParticipationMonth";
  FOREACH statement IN ARRAY "participation_months_add"('SELECT 1 AS sign, * FROM "HourLog"')
  LOOP
    EXECUTE statement;
  END LOOP;
END $$;

-- Rows already logged before this migration.
SELECT "rebuild_participation_months"();
