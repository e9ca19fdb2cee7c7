-- Indicators that mean what they say (issue 11).
-- Active volunteers, registered volunteers and programs run count distinct people or programs:
-- a month's count is not a twelfth of the year's, so their targets are never pro-rated by days.
UPDATE "Indicator" SET "accrual" = 'DISTINCT_COUNT'
 WHERE "code" IN ('ACTIVE_VOLUNTEERS', 'REGISTERED_VOLUNTEERS', 'PROGRAMS_RUN');

-- Beneficiaries and programs run are attributed to the days a program has run, not counted in
-- full in every period it touches; the ratios have no value without active volunteers.
UPDATE "Indicator" SET
  "formulaAr" = 'المستفيدون من البرامج غير المسودة، موزَّعين بالتساوي على الأيام التي نُفِّذ فيها كل برنامج حتى اليوم؛ تأخذ الفترة نصيب أيامها منها',
  "formulaEn" = 'Beneficiaries of the non-draft programs, each program''s spread evenly over the days it has run so far; a period takes the share of its own days'
 WHERE "code" = 'BENEFICIARIES';
UPDATE "Indicator" SET
  "formulaAr" = 'عدد البرامج غير المسودة التي نُفِّذت في يوم واحد على الأقل من أيام الفترة حتى اليوم',
  "formulaEn" = 'Non-draft programs that ran on at least one day of the period up to today, each counted once'
 WHERE "code" = 'PROGRAMS_RUN';
UPDATE "Indicator" SET
  "formulaAr" = 'الساعات الموثقة ÷ المتطوعون النشطون ÷ عدد الأسابيع المنقضية من الفترة (هدف "ساعة في الأسبوع")؛ لا قيمة له إن لم يكن في الفترة متطوع نشط',
  "formulaEn" = 'Verified hours ÷ active volunteers ÷ weeks elapsed in the period (the "one hour a week" goal); no value when nobody was active'
 WHERE "code" = 'AVG_WEEKLY_HOURS';
UPDATE "Indicator" SET
  "formulaAr" = 'نسبة المتطوعين النشطين في الفترة الذين كانوا نشطين أيضاً في الفترة السابقة المماثلة؛ لا قيمة لها إن لم يكن في الفترة متطوع نشط',
  "formulaEn" = 'Share of the period''s active volunteers who were also active in the previous period of the same length; no value when nobody was active'
 WHERE "code" = 'RETENTION_RATE';
UPDATE "Indicator" SET
  "formulaAr" = 'نسبة المتطوعين النشطين الذين سجلوا ساعات موثقة بصفتهم قادة فرق؛ لا قيمة لها إن لم يكن في الفترة متطوع نشط',
  "formulaEn" = 'Share of active volunteers whose verified hours include hours as a team lead; no value when nobody was active'
 WHERE "code" = 'TEAM_LEAD_RATIO';
