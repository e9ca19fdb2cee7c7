-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "VolunteeringKind" AS ENUM ('FINANCIAL', 'INTELLECTUAL', 'ADVISORY', 'PRACTICAL', 'PHYSICAL');

-- CreateEnum
CREATE TYPE "ProgramStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('MEMBER', 'TEAM_LEAD');

-- CreateEnum
CREATE TYPE "ParticipationStatus" AS ENUM ('APPLIED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Agency" (
    "code" TEXT NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "lastProgramNumber" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "titleAr" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionAr" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "kind" "VolunteeringKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "capacity" INTEGER NOT NULL,
    "requiredSkills" TEXT[],
    "status" "ProgramStatus" NOT NULL DEFAULT 'DRAFT',
    "beneficiariesServed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" UUID NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "role" "ParticipationRole" NOT NULL DEFAULT 'MEMBER',
    "status" "ParticipationStatus" NOT NULL DEFAULT 'APPLIED',
    "skillCode" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "joinedOn" DATE,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HourLog" (
    "id" UUID NOT NULL,
    "participationId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "hours" DECIMAL(4,2) NOT NULL,
    "activity" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "verifiedBy" TEXT,
    "verifiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HourLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Program_agencyCode_startDate_idx" ON "Program"("agencyCode", "startDate");

-- CreateIndex
CREATE INDEX "Program_regionCode_startDate_idx" ON "Program"("regionCode", "startDate");

-- CreateIndex
CREATE INDEX "Participation_programId_status_idx" ON "Participation"("programId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_volunteerId_programId_key" ON "Participation"("volunteerId", "programId");

-- CreateIndex
CREATE INDEX "HourLog_participationId_date_idx" ON "HourLog"("participationId", "date");

-- CreateIndex
CREATE INDEX "HourLog_date_verified_idx" ON "HourLog"("date", "verified");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_agencyCode_fkey" FOREIGN KEY ("agencyCode") REFERENCES "Agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Business rules the resolvers validate, repeated here so no other writer can break them.
ALTER TABLE "Program" ADD CONSTRAINT "Program_dates_check" CHECK ("endDate" >= "startDate");
ALTER TABLE "Program" ADD CONSTRAINT "Program_capacity_check" CHECK ("capacity" > 0);
ALTER TABLE "Program" ADD CONSTRAINT "Program_id_prefix_check" CHECK ("id" LIKE "agencyCode" || '-%');
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_hours_check" CHECK ("hours" > 0 AND "hours" <= 24);
