-- Rate-limit counters shared by the gateway's replicas (GATEWAY_RATE_LIMIT_STORE=postgres),
-- in the shape rate-limiter-flexible's PostgreSQL store uses; `key` is TEXT rather than its
-- varchar(255), so no caller's subject is too long to count. The gateway's role needs
-- SELECT, INSERT, UPDATE and DELETE on this table (see the README).
CREATE TABLE "rate_limit" (
    "key"    TEXT PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    -- Milliseconds since the epoch at which the key's window ends.
    "expire" BIGINT
);
