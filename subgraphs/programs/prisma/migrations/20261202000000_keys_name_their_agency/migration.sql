-- Keys that name their owner: participation and hour-log ids become `<AGENCY>-<uuid>` (the
-- program's agency), so the gateway knows which agency's instance holds a record from its key
-- alone. Written with `prisma migrate diff … --script`, then edited for the data.

-- The foreign key goes while the columns change type and comes back with ON UPDATE CASCADE, so
-- prefixing a participation's id below carries over to its hour logs.
-- DropForeignKey
ALTER TABLE "HourLog" DROP CONSTRAINT "HourLog_participationId_fkey";

-- AlterTable
ALTER TABLE "Participation" DROP CONSTRAINT "Participation_pkey",
ALTER COLUMN "id" SET DATA TYPE TEXT,
ADD CONSTRAINT "Participation_pkey" PRIMARY KEY ("id");

-- AlterTable
ALTER TABLE "HourLog" DROP CONSTRAINT "HourLog_pkey",
ALTER COLUMN "id" SET DATA TYPE TEXT,
ALTER COLUMN "participationId" SET DATA TYPE TEXT,
ADD CONSTRAINT "HourLog_pkey" PRIMARY KEY ("id");

-- AddForeignKey
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing rows take their program's agency (uuid::text is lower case, as new ids are).
UPDATE "Participation" pa
   SET "id" = p."agencyCode" || '-' || pa."id"
  FROM "Program" p
 WHERE p."id" = pa."programId";

-- Their hour logs already point at the prefixed participation (the cascade above).
UPDATE "HourLog" SET "id" = split_part("participationId", '-', 1) || '-' || "id";

-- Whoever writes a row, its key names the agency of the program it belongs to (program ids are
-- `<AGENCY>-00042`), and the part after the code is a uuid.
ALTER TABLE "Program" ADD CONSTRAINT "Program_id_names_agency_check"
  CHECK (split_part("id", '-', 1) = "agencyCode");
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_id_names_agency_check"
  CHECK ("id" ~ '^[A-Z][A-Z0-9]{1,9}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND split_part("id", '-', 1) = split_part("programId", '-', 1));
ALTER TABLE "HourLog" ADD CONSTRAINT "HourLog_id_names_agency_check"
  CHECK ("id" ~ '^[A-Z][A-Z0-9]{1,9}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND split_part("id", '-', 1) = split_part("participationId", '-', 1));
