-- AlterTable
ALTER TABLE "HourLog" ADD COLUMN     "verifiedAfterClose" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PeriodClose" (
    "agencyCode" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedBy" TEXT NOT NULL,

    CONSTRAINT "PeriodClose_pkey" PRIMARY KEY ("agencyCode","period")
);

-- CreateTable
CREATE TABLE "ClosedPeriodProgram" (
    "agencyCode" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "kind" "VolunteeringKind" NOT NULL,
    "served" INTEGER NOT NULL,
    "daysRun" INTEGER NOT NULL,
    "daysInPeriod" INTEGER NOT NULL,

    CONSTRAINT "ClosedPeriodProgram_pkey" PRIMARY KEY ("agencyCode","period","programId")
);

-- CreateIndex
CREATE INDEX "PeriodClose_agencyCode_startDate_endDate_idx" ON "PeriodClose"("agencyCode", "startDate", "endDate");

-- A late verification is one of a log whose date a close of its agency covers: it never counts
-- in period figures, so the flag may only be set on verified logs.
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_verifiedAfterClose_check"
  CHECK (NOT "verifiedAfterClose" OR "verified");
