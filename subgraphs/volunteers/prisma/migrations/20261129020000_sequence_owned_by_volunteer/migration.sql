-- Tie the id sequence to its column, so `TRUNCATE … RESTART IDENTITY` (a reseed) restarts the
-- numbering too, and dropping the table drops the sequence.
ALTER SEQUENCE "volunteer_number" OWNED BY "Volunteer"."id";
