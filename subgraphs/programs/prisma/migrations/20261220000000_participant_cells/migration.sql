-- CreateEnum
CREATE TYPE "ParticipantGender" AS ENUM ('FEMALE', 'MALE');

-- CreateTable
CREATE TABLE "ParticipantCell" (
    "volunteerId" TEXT NOT NULL,
    "gender" "ParticipantGender" NOT NULL,
    "birthYear" INTEGER NOT NULL,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParticipantCell_pkey" PRIMARY KEY ("volunteerId")
);
