-- Period rollups: the distinct counts and hour sums of every agency, region and the nation in
-- every month, quarter and year, kept by triggers in the transaction of each write, so a period
-- figure reads a handful of rows instead of grouping a year of month rows by volunteer (seconds
-- at the national size, see docs/performance.md).

-- AlterTable: the program's agency and region, copied into its month rows so that a row carries
-- everything the rollups group by, deleted or not (a trigger below follows a program's moves).
-- The default only fills rows already there until the rebuild at the end; then it goes.
ALTER TABLE "ParticipationMonth" ADD COLUMN "agencyCode" TEXT NOT NULL DEFAULT '',
ADD COLUMN "regionCode" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ParticipationMonth" ALTER COLUMN "agencyCode" DROP DEFAULT,
ALTER COLUMN "regionCode" DROP DEFAULT;

-- CreateTable
CREATE TABLE "PeriodMember" (
    "scope" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "logs" INTEGER NOT NULL,
    "leadLogs" INTEGER NOT NULL,

    CONSTRAINT "PeriodMember_pkey" PRIMARY KEY ("scope","code","grain","start","volunteerId")
);

-- CreateTable
CREATE TABLE "PeriodTotal" (
    "scope" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "activeVolunteers" INTEGER NOT NULL,
    "activeTeamLeads" INTEGER NOT NULL,
    "retainedVolunteers" INTEGER NOT NULL,
    "version" BIGSERIAL NOT NULL,

    CONSTRAINT "PeriodTotal_pkey" PRIMARY KEY ("scope","code","grain","start")
);

-- CreateTable
CREATE TABLE "PeriodSkillHours" (
    "scope" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "skillCode" TEXT NOT NULL,
    "logs" INTEGER NOT NULL,
    "hours" DECIMAL(14,2) NOT NULL,
    "lateLogs" INTEGER NOT NULL,
    "lateHours" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "PeriodSkillHours_pkey" PRIMARY KEY ("scope","code","grain","start","skillCode")
);

-- CreateTable
CREATE TABLE "ProgramsVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL,

    CONSTRAINT "ProgramsVersion_pkey" PRIMARY KEY ("id")
);

-- Programs run and beneficiaries depend on the programs, the period closes and what programs
-- counted at a close (and on the day): any write to those raises the version, in the writing
-- transaction, so an instance's cached figures are reused only while they are exact. A row,
-- not a sequence: a sequence moves before the write commits, and a reader could cache figures
-- of the old rows under the new number.
INSERT INTO "ProgramsVersion" ("id", "version") VALUES (1, 1);
CREATE FUNCTION "programs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ProgramsVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER "program_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Program"
  FOR EACH STATEMENT EXECUTE FUNCTION "programs_changed"();
CREATE TRIGGER "period_close_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PeriodClose"
  FOR EACH STATEMENT EXECUTE FUNCTION "programs_changed"();
CREATE TRIGGER "closed_program_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ClosedPeriodProgram" FOR EACH STATEMENT EXECUTE FUNCTION "programs_changed"();

-- The month rows now copy the program's agency and region when they are first written.
CREATE OR REPLACE FUNCTION "participation_months_add"(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
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
            "agencyCode", "regionCode", "logs", "hours", "lateLogs", "lateHours")
    SELECT d."participationId", d."month", pa."programId", pa."volunteerId", pa."skillCode",
           pa."role" = 'TEAM_LEAD', pr."agencyCode", pr."regionCode",
           d."logs", d."hours", d."lateLogs", d."lateHours"
      FROM d JOIN "Participation" pa ON pa."id" = d."participationId"
      JOIN "Program" pr ON pr."id" = pa."programId"
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

-- A program that moves (its region corrected) takes its month rows along; their update
-- trigger below moves the rollups.
CREATE FUNCTION "program_to_months"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ParticipationMonth" m
     SET "agencyCode" = p."agencyCode", "regionCode" = p."regionCode"
    FROM "new_rows" p
   WHERE m."programId" = p."id"
     AND (m."agencyCode", m."regionCode") IS DISTINCT FROM (p."agencyCode", p."regionCode");
  RETURN NULL;
END $$;
CREATE TRIGGER "program_to_months" AFTER UPDATE ON "Program"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "program_to_months"();

-- The first day of the period `steps` periods of `grain` after the one starting on `start`
-- (-1: the previous period, whose members retention compares with).
CREATE FUNCTION "period_shift"(grain text, start date, steps int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (start + make_interval(months => steps * CASE grain WHEN 'MONTH' THEN 1
                                                            WHEN 'QUARTER' THEN 3 ELSE 12 END))::date
$$;

-- The statements adding to the rollups what the month rows `source` yields ("sign", then
-- "ParticipationMonth"'s columns) contribute: each row counts in its agency, its region and the
-- nation, in its month, quarter and year. Texts, as for the month rows, because the source is
-- a transition table. Rows left with nothing counted go, as a rebuild would leave them.
CREATE FUNCTION "period_rollups_add"(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[format($sql$
    WITH x AS (
      SELECT sc.scope, sc.code, g.grain, g.start, s.*
        FROM (%1$s) s
       CROSS JOIN LATERAL (VALUES ('agency', s."agencyCode"), ('region', s."regionCode"),
                                  ('national', 'SA')) sc(scope, code)
       CROSS JOIN LATERAL (VALUES ('MONTH', s."month"),
                                  ('QUARTER', date_trunc('quarter', s."month")::date),
                                  ('YEAR', date_trunc('year', s."month")::date)) g(grain, start)
    ), skills AS (
      INSERT INTO "PeriodSkillHours" AS t
             ("scope", "code", "grain", "start", "skillCode", "logs", "hours", "lateLogs", "lateHours")
      SELECT scope, code, grain, start, "skillCode", sum(sign * "logs"), sum(sign * "hours"),
             sum(sign * "lateLogs"), sum(sign * "lateHours")
        FROM x GROUP BY 1, 2, 3, 4, 5
      HAVING sum(sign * "logs") <> 0 OR sum(sign * "hours") <> 0
          OR sum(sign * "lateLogs") <> 0 OR sum(sign * "lateHours") <> 0
      ON CONFLICT ("scope", "code", "grain", "start", "skillCode") DO UPDATE
         SET "logs" = t."logs" + EXCLUDED."logs", "hours" = t."hours" + EXCLUDED."hours",
             "lateLogs" = t."lateLogs" + EXCLUDED."lateLogs",
             "lateHours" = t."lateHours" + EXCLUDED."lateHours"
    )
    INSERT INTO "PeriodMember" AS t ("scope", "code", "grain", "start", "volunteerId", "logs", "leadLogs")
    SELECT scope, code, grain, start, "volunteerId", sum(sign * "logs"),
           sum(CASE WHEN "asLead" THEN sign * "logs" ELSE 0 END)
      FROM x GROUP BY 1, 2, 3, 4, 5
    HAVING sum(sign * "logs") <> 0 OR sum(CASE WHEN "asLead" THEN sign * "logs" ELSE 0 END) <> 0
    ON CONFLICT ("scope", "code", "grain", "start", "volunteerId") DO UPDATE
       SET "logs" = t."logs" + EXCLUDED."logs", "leadLogs" = t."leadLogs" + EXCLUDED."leadLogs"
  $sql$, source),
  -- Second statements: the first one's writes are not visible to itself.
  format($sql$
    DELETE FROM "PeriodSkillHours" t
     USING (SELECT DISTINCT s."agencyCode", s."regionCode", s."month" FROM (%1$s) s) s
     WHERE t."logs" = 0 AND t."lateLogs" = 0
       AND (t."scope", t."code") IN (('agency', s."agencyCode"), ('region', s."regionCode"), ('national', 'SA'))
       AND (t."grain", t."start") IN (('MONTH', s."month"),
                                      ('QUARTER', date_trunc('quarter', s."month")::date),
                                      ('YEAR', date_trunc('year', s."month")::date))
  $sql$, source),
  format($sql$
    DELETE FROM "PeriodMember" t
     USING (SELECT DISTINCT s."agencyCode", s."regionCode", s."month", s."volunteerId"
              FROM (%1$s) s WHERE s.sign < 0) s
     WHERE t."logs" <= 0 AND t."volunteerId" = s."volunteerId"
       AND (t."scope", t."code") IN (('agency', s."agencyCode"), ('region', s."regionCode"), ('national', 'SA'))
       AND (t."grain", t."start") IN (('MONTH', s."month"),
                                      ('QUARTER', date_trunc('quarter', s."month")::date),
                                      ('YEAR', date_trunc('year', s."month")::date))
  $sql$, source)]
$$;

-- Set (transaction-local) while a rebuild recomputes everything at once: the triggers, which
-- would otherwise repeat its work row set by row set, stand aside.
CREATE FUNCTION "period_rollups_rebuilding"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('sahem.rebuilding_rollups', true), '') = 'on'
$$;

CREATE FUNCTION "months_to_rollups"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE statement text;
BEGIN
  IF "period_rollups_rebuilding"() THEN RETURN NULL; END IF;
  FOREACH statement IN ARRAY "period_rollups_add"(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM "new_rows"'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM "old_rows"'
    ELSE 'SELECT 1 AS sign, * FROM "new_rows" UNION ALL SELECT -1, * FROM "old_rows"' END)
  LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "months_inserted_to_rollups" AFTER INSERT ON "ParticipationMonth"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "months_to_rollups"();
CREATE TRIGGER "months_updated_to_rollups" AFTER UPDATE ON "ParticipationMonth"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "months_to_rollups"();
CREATE TRIGGER "months_deleted_to_rollups" AFTER DELETE ON "ParticipationMonth"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "months_to_rollups"();

CREATE FUNCTION "months_truncated_to_rollups"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "PeriodMember", "PeriodTotal", "PeriodSkillHours";
  RETURN NULL;
END $$;
CREATE TRIGGER "months_truncated_to_rollups" AFTER TRUNCATE ON "ParticipationMonth"
  FOR EACH STATEMENT EXECUTE FUNCTION "months_truncated_to_rollups"();

-- The totals follow the members. A member added to (or removed from) period P changes the
-- retention of P (against P - 1) and of P + 1 (against P). For each such (period, volunteer)
-- the term "member of the period and of the one before" is taken after the statement (the
-- table) and before it (the table without the added rows, or with the removed ones), and the
-- difference is added: exact for any set of rows in one statement, however they interleave.
-- The statement adding to the totals what the members `changed` (a transition table) added
-- (sign 1) or removed (sign -1). Joins, not EXISTS, so a bulk write is hashed, not rescanned.
CREATE FUNCTION "period_totals_add"(changed text, sign int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($sql$
    WITH changed AS (SELECT * FROM %1$s), candidates AS (
      SELECT "scope", "code", "grain", "start", "volunteerId" FROM changed
      UNION
      SELECT "scope", "code", "grain", "period_shift"("grain", "start", 1), "volunteerId" FROM changed
    ), terms AS (
      SELECT c."scope", c."code", c."grain", c."start",
             n1."volunteerId" IS NOT NULL AS now_in, n0."volunteerId" IS NOT NULL AS now_prev,
             c1."volunteerId" IS NOT NULL AS ch_in, c0."volunteerId" IS NOT NULL AS ch_prev
        FROM (SELECT *, "period_shift"("grain", "start", -1) AS "prevStart" FROM candidates) c
        LEFT JOIN "PeriodMember" n1
          ON n1."scope" = c."scope" AND n1."code" = c."code" AND n1."grain" = c."grain"
         AND n1."start" = c."start" AND n1."volunteerId" = c."volunteerId"
        LEFT JOIN "PeriodMember" n0
          ON n0."scope" = c."scope" AND n0."code" = c."code" AND n0."grain" = c."grain"
         AND n0."start" = c."prevStart" AND n0."volunteerId" = c."volunteerId"
        LEFT JOIN changed c1
          ON c1."scope" = c."scope" AND c1."code" = c."code" AND c1."grain" = c."grain"
         AND c1."start" = c."start" AND c1."volunteerId" = c."volunteerId"
        LEFT JOIN changed c0
          ON c0."scope" = c."scope" AND c0."code" = c."code" AND c0."grain" = c."grain"
         AND c0."start" = c."prevStart" AND c0."volunteerId" = c."volunteerId"
    ), deltas AS (
      SELECT "scope", "code", "grain", "start", %2$s * count(*) AS active,
             %2$s * count(*) FILTER (WHERE "leadLogs" > 0) AS leads, 0 AS retained
        FROM changed GROUP BY 1, 2, 3, 4
      UNION ALL
      -- After the statement: the table. Before it: without the added rows, or with the removed.
      SELECT "scope", "code", "grain", "start", 0, 0,
             sum(CASE WHEN %2$s > 0
                      THEN (now_in AND now_prev)::int
                         - (now_in AND NOT ch_in AND now_prev AND NOT ch_prev)::int
                      ELSE (now_in AND now_prev)::int
                         - ((now_in OR ch_in) AND (now_prev OR ch_prev))::int END)
        FROM terms GROUP BY 1, 2, 3, 4
    )
    INSERT INTO "PeriodTotal" AS t
           ("scope", "code", "grain", "start", "activeVolunteers", "activeTeamLeads", "retainedVolunteers")
    SELECT "scope", "code", "grain", "start", sum(active), sum(leads), sum(retained)
      FROM deltas GROUP BY 1, 2, 3, 4
    HAVING sum(active) <> 0 OR sum(leads) <> 0 OR sum(retained) <> 0
    ON CONFLICT ("scope", "code", "grain", "start") DO UPDATE
       SET "activeVolunteers" = t."activeVolunteers" + EXCLUDED."activeVolunteers",
           "activeTeamLeads" = t."activeTeamLeads" + EXCLUDED."activeTeamLeads",
           "retainedVolunteers" = t."retainedVolunteers" + EXCLUDED."retainedVolunteers",
           -- Members changed: a cached sketch of them is stale (a new row takes a new value).
           "version" = nextval('"PeriodTotal_version_seq"')
  $sql$, changed, sign)
$$;

CREATE FUNCTION "members_to_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "period_rollups_rebuilding"() THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE "period_totals_add"('"new_rows"', 1);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "period_totals_add"('"old_rows"', -1);
    DELETE FROM "PeriodTotal" t
     USING (SELECT DISTINCT "scope", "code", "grain", "start" FROM "old_rows") c
     WHERE t."activeVolunteers" <= 0 AND t."scope" = c."scope" AND t."code" = c."code"
       AND t."grain" = c."grain" AND t."start" = c."start";
  ELSE
    -- Membership is unchanged (the key is); only leading can start or stop.
    INSERT INTO "PeriodTotal" AS t
           ("scope", "code", "grain", "start", "activeVolunteers", "activeTeamLeads", "retainedVolunteers")
    SELECT n."scope", n."code", n."grain", n."start", 0,
           sum((n."leadLogs" > 0)::int - (o."leadLogs" > 0)::int), 0
      FROM "new_rows" n
      JOIN "old_rows" o USING ("scope", "code", "grain", "start", "volunteerId")
     WHERE (n."leadLogs" > 0) <> (o."leadLogs" > 0)
     GROUP BY 1, 2, 3, 4
    ON CONFLICT ("scope", "code", "grain", "start") DO UPDATE
       SET "activeTeamLeads" = t."activeTeamLeads" + EXCLUDED."activeTeamLeads",
           "version" = nextval('"PeriodTotal_version_seq"');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "members_inserted_to_totals" AFTER INSERT ON "PeriodMember"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "members_to_totals"();
CREATE TRIGGER "members_updated_to_totals" AFTER UPDATE ON "PeriodMember"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "members_to_totals"();
CREATE TRIGGER "members_deleted_to_totals" AFTER DELETE ON "PeriodMember"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "members_to_totals"();

-- Every rollup row recomputed from the month rows at once, triggers aside.
CREATE FUNCTION "rebuild_period_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('sahem.rebuilding_rollups', 'on', true);
  -- Millions of rows grouped and sorted: in memory rather than in temporary files.
  PERFORM set_config('work_mem', '256MB', true);
  TRUNCATE "PeriodMember", "PeriodTotal", "PeriodSkillHours";
  EXECUTE ("period_rollups_add"('SELECT 1 AS sign, * FROM "ParticipationMonth"'))[1];
  -- Retained: the volunteer's membership just before, in the same scope and grain, was the
  -- previous period. One sort, where a self-join planned on the table's fresh, empty statistics
  -- took a quadratic merge join.
  INSERT INTO "PeriodTotal"
         ("scope", "code", "grain", "start", "activeVolunteers", "activeTeamLeads", "retainedVolunteers")
  SELECT "scope", "code", "grain", "start", count(*), count(*) FILTER (WHERE "leadLogs" > 0),
         count(*) FILTER (WHERE "before" = "period_shift"("grain", "start", -1))
    FROM (SELECT *, lag("start") OVER (PARTITION BY "scope", "code", "grain", "volunteerId"
                                       ORDER BY "start") AS "before"
            FROM "PeriodMember") m
   GROUP BY 1, 2, 3, 4;
  ANALYZE "PeriodMember", "PeriodTotal", "PeriodSkillHours";
  PERFORM set_config('sahem.rebuilding_rollups', 'off', true);
END $$;

-- The month rows' rebuild now rebuilds the rollups too, once, after the months.
CREATE OR REPLACE FUNCTION "rebuild_participation_months"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE statement text;
BEGIN
  PERFORM set_config('sahem.rebuilding_rollups', 'on', true);
  DELETE FROM "ParticipationMonth";
  FOREACH statement IN ARRAY "participation_months_add"('SELECT 1 AS sign, * FROM "HourLog"')
  LOOP
    EXECUTE statement;
  END LOOP;
  PERFORM "rebuild_period_rollups"();
END $$;

-- A corrected participation takes its program's agency and region along too.
CREATE OR REPLACE FUNCTION "participation_to_months"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ParticipationMonth" m
     SET "programId" = pa."programId", "volunteerId" = pa."volunteerId",
         "skillCode" = pa."skillCode", "asLead" = pa."role" = 'TEAM_LEAD',
         "agencyCode" = pr."agencyCode", "regionCode" = pr."regionCode"
    FROM "new_rows" pa JOIN "Program" pr ON pr."id" = pa."programId"
   WHERE m."participationId" = pa."id"
     AND (m."programId", m."volunteerId", m."skillCode", m."asLead", m."agencyCode", m."regionCode")
         IS DISTINCT FROM (pa."programId", pa."volunteerId", pa."skillCode",
                           pa."role" = 'TEAM_LEAD', pr."agencyCode", pr."regionCode");
  RETURN NULL;
END $$;

-- Rows already there: months (now with their program's agency and region) and rollups.
SELECT "rebuild_participation_months"();
