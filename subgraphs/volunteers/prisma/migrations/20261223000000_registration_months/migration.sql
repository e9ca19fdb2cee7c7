-- CreateTable
CREATE TABLE "RegistrationMonth" (
    "regionCode" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "registrations" INTEGER NOT NULL,

    CONSTRAINT "RegistrationMonth_pkey" PRIMARY KEY ("regionCode","month")
);

-- Registered volunteers by the end of a period were a count of every volunteer registered
-- before it, joined to each region asked with an OR (the nation, or this region): a nested loop
-- over every volunteer for each of the 14 codes of a national scorecard. These rows keep the
-- registrations of each region and month instead, in the transaction of the write, so the
-- count by the end of any period is a sum over at most a few hundred rows.

-- The month of a registration, in UTC whatever the session's time zone: a period ends at
-- midnight UTC on the first of a month.
CREATE FUNCTION registration_month(registered timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_trunc('month', registered AT TIME ZONE 'UTC')::date
$$;

-- Adds the statement's new rows (+1 each) and takes away its old ones (-1), one upsert per
-- (region, month) touched: a COPY of 200,000 volunteers is one aggregate, not 200,000 row
-- triggers. An UPDATE that moves nobody (a status change) nets to zero and writes nothing.
-- Dynamic SQL because a trigger only has the transition tables of its own event.
CREATE FUNCTION registration_months_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  added   CONSTANT text := 'SELECT "regionCode", "registeredAt", 1 AS change FROM new_rows';
  removed CONSTANT text := 'SELECT "regionCode", "registeredAt", -1 AS change FROM old_rows';
BEGIN
  EXECUTE format(
    'INSERT INTO "RegistrationMonth" AS r ("regionCode", "month", "registrations")
     SELECT "regionCode", registration_month("registeredAt"), sum(change)::int
       FROM (%s) rows GROUP BY 1, 2 HAVING sum(change) <> 0
     ON CONFLICT ("regionCode", "month")
       DO UPDATE SET "registrations" = r."registrations" + excluded."registrations"',
    CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed
               ELSE added || ' UNION ALL ' || removed END);
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger: three triggers, one function.
CREATE TRIGGER registration_months_insert AFTER INSERT ON "Volunteer"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registration_months_change();
CREATE TRIGGER registration_months_update AFTER UPDATE ON "Volunteer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registration_months_change();
CREATE TRIGGER registration_months_delete AFTER DELETE ON "Volunteer"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registration_months_change();

-- TRUNCATE fires no delete trigger (the seed truncates before it loads).
CREATE FUNCTION registration_months_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "RegistrationMonth";
  RETURN NULL;
END $$;
CREATE TRIGGER registration_months_truncate AFTER TRUNCATE ON "Volunteer"
  FOR EACH STATEMENT EXECUTE FUNCTION registration_months_truncate();

-- The volunteers registered before this migration.
INSERT INTO "RegistrationMonth" ("regionCode", "month", "registrations")
SELECT "regionCode", registration_month("registeredAt"), count(*)::int
  FROM "Volunteer" GROUP BY 1, 2;
