-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "IndicatorUnit" AS ENUM ('VOLUNTEERS', 'HOURS', 'HOURS_PER_WEEK', 'BENEFICIARIES', 'PROGRAMS', 'PERCENT', 'SAR');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "TargetAccrual" AS ENUM ('CUMULATIVE', 'LEVEL');

-- CreateEnum
CREATE TYPE "ScopeKind" AS ENUM ('NATIONAL', 'AGENCY', 'REGION');

-- CreateTable
CREATE TABLE "Indicator" (
    "code" TEXT NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "unit" "IndicatorUnit" NOT NULL,
    "formulaAr" TEXT NOT NULL,
    "formulaEn" TEXT NOT NULL,
    "direction" "IndicatorDirection" NOT NULL,
    "accrual" "TargetAccrual" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" UUID NOT NULL,
    "indicatorCode" TEXT NOT NULL,
    "scope" "ScopeKind" NOT NULL,
    "scopeCode" TEXT NOT NULL DEFAULT '',
    "period" TEXT NOT NULL,
    "value" DECIMAL(16,2) NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValuationTable" (
    "version" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "defaultRate" DECIMAL(10,2) NOT NULL,

    CONSTRAINT "ValuationTable_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ValuationRate" (
    "tableVersion" TEXT NOT NULL,
    "majorGroup" TEXT NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "hourlyWageSar" DECIMAL(10,2) NOT NULL,
    "source" TEXT NOT NULL,
    "isAssumption" BOOLEAN NOT NULL,

    CONSTRAINT "ValuationRate_pkey" PRIMARY KEY ("tableVersion","majorGroup")
);

-- CreateIndex
CREATE UNIQUE INDEX "Target_indicatorCode_scope_scopeCode_period_key" ON "Target"("indicatorCode", "scope", "scopeCode", "period");

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_indicatorCode_fkey" FOREIGN KEY ("indicatorCode") REFERENCES "Indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValuationRate" ADD CONSTRAINT "ValuationRate_tableVersion_fkey" FOREIGN KEY ("tableVersion") REFERENCES "ValuationTable"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the resolvers rely on, enforced for every writer.
ALTER TABLE "Target" ADD CONSTRAINT "Target_value_check" CHECK ("value" >= 0);
ALTER TABLE "Target" ADD CONSTRAINT "Target_scope_code_check"
  CHECK (("scope" = 'NATIONAL') = ("scopeCode" = ''));
ALTER TABLE "Target" ADD CONSTRAINT "Target_period_check"
  CHECK ("period" ~ '^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$');
ALTER TABLE "ValuationRate" ADD CONSTRAINT "ValuationRate_wage_check" CHECK ("hourlyWageSar" > 0);
ALTER TABLE "ValuationRate" ADD CONSTRAINT "ValuationRate_group_check" CHECK ("majorGroup" ~ '^[0-9]$');
