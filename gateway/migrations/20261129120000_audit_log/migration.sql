-- The gateway's audit trail: one row per operation it answered, written in batches by
-- gateway/src/audit/createAuditLog.ts and read by `npm run audit`.
CREATE TABLE "audit_log" (
    "id"                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- When the gateway received the request.
    "occurred_at"       TIMESTAMPTZ NOT NULL,
    -- The caller as the gateway established it; subject and agency are null for anonymous callers.
    "subject"           TEXT,
    "role"              TEXT NOT NULL,
    "agency"            TEXT,
    "operation_name"    TEXT,
    -- SHA-256 (hex) of the document text; null when the request carried none.
    "operation_hash"    TEXT,
    -- query, mutation or subscription; null when the document did not parse.
    "operation_type"    TEXT,
    "subgraphs"         TEXT[] NOT NULL,
    -- Agencies whose records the subgraphs returned (their extensions.sahem.agencies).
    "agencies_returned" TEXT[] NOT NULL,
    "ok"                BOOLEAN NOT NULL,
    -- extensions.code of every error in the response, without repeats; empty when ok.
    "error_codes"       TEXT[] NOT NULL,
    "http_status"       SMALLINT NOT NULL,
    "request_id"        TEXT NOT NULL,
    "client_ip"         TEXT,
    "duration_ms"       INTEGER NOT NULL,
    -- When the row was written: the gap to occurred_at is the queue's delay.
    "recorded_at"       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- `npm run audit` reads a period, optionally for one subject.
CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log" ("occurred_at");
CREATE INDEX "audit_log_subject_occurred_at_idx" ON "audit_log" ("subject", "occurred_at");

-- Append-only, enforced by the database rather than trusted to the application. A statement
-- trigger refuses every UPDATE, DELETE and TRUNCATE, even one that matches no row. The table's
-- owner could still disable it: in production the gateway's role is granted only INSERT and
-- SELECT on this table (see the README), and the migrations run under another role.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_log_append_only"
    BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
