-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateSequence
-- Volunteer ids read V-0000001; the sequence hands out the numbers.
CREATE SEQUENCE "volunteer_number";

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE');

-- CreateEnum
CREATE TYPE "VolunteerStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "VolunteeringKind" AS ENUM ('FINANCIAL', 'INTELLECTUAL', 'ADVISORY', 'PRACTICAL', 'PHYSICAL');

-- CreateTable
CREATE TABLE "Skill" (
    "code" TEXT NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "majorGroup" TEXT NOT NULL,

    CONSTRAINT "Skill_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL DEFAULT ('V-'::text || lpad((nextval('volunteer_number'::regclass))::text, 7, '0'::text)),
    "fullName" TEXT NOT NULL,
    "nationalIdHash" TEXT NOT NULL,
    "nationalIdLast4" CHAR(4) NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthYear" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "weeklyAvailabilityHours" DECIMAL(5,1) NOT NULL,
    "kinds" "VolunteeringKind"[],
    "status" "VolunteerStatus" NOT NULL DEFAULT 'ACTIVE',
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerSkill" (
    "volunteerId" TEXT NOT NULL,
    "skillCode" TEXT NOT NULL,

    CONSTRAINT "VolunteerSkill_pkey" PRIMARY KEY ("volunteerId","skillCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_nationalIdHash_key" ON "Volunteer"("nationalIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_email_key" ON "Volunteer"("email");

-- CreateIndex
CREATE INDEX "Volunteer_regionCode_status_idx" ON "Volunteer"("regionCode", "status");

-- CreateIndex
CREATE INDEX "Volunteer_weeklyAvailabilityHours_idx" ON "Volunteer"("weeklyAvailabilityHours");

-- CreateIndex
CREATE INDEX "VolunteerSkill_skillCode_idx" ON "VolunteerSkill"("skillCode");

-- AddForeignKey
ALTER TABLE "VolunteerSkill" ADD CONSTRAINT "VolunteerSkill_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerSkill" ADD CONSTRAINT "VolunteerSkill_skillCode_fkey" FOREIGN KEY ("skillCode") REFERENCES "Skill"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Business rules the resolvers validate, repeated here so no other writer can break them.
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_weekly_hours_check" CHECK ("weeklyAvailabilityHours" >= 0 AND "weeklyAvailabilityHours" <= 168);
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_kinds_check" CHECK (cardinality("kinds") >= 1);
