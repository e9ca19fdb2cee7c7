-- A third kind of target accrual: counts of distinct people or programs over a period, which
-- are not additive over time and so are never pro-rated by days (issue 11). The catalogue
-- moves to it in the next migration: PostgreSQL cannot use an enum value in the transaction
-- that adds it.
-- AlterEnum
ALTER TYPE "TargetAccrual" ADD VALUE 'DISTINCT_COUNT';

-- Whether a table's default rate is itself an assumption, so an economic value can say
-- whether it rests on one. Existing tables' default rates are assumptions (2025.1 says so).
-- AlterTable
ALTER TABLE "ValuationTable" ADD COLUMN     "defaultRateIsAssumption" BOOLEAN NOT NULL DEFAULT true;
