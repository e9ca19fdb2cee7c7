-- A verified log always says who verified it and when, whoever writes it.
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_verified_check"
  CHECK (NOT "verified" OR ("verifiedBy" IS NOT NULL AND "verifiedAt" IS NOT NULL));
