import type { IndicatorStatus, IndicatorUnit } from '@sahem/client';

/** The dashboard's languages: Arabic (right to left, the default) and English. */
export type Language = 'ar' | 'en';

const STRINGS = {
  ar: {
    skip: 'تخطَّ إلى المحتوى',
    title: 'ساهم — مؤشرات الأداء الوطنية للتطوع',
    period: 'الفترة',
    switchTo: 'English',
    token: 'رمز الدخول (Bearer)',
    signin: 'دخول',
    needToken: 'أدخل رمز دخول محلل (صلاحية aggregates:read) لعرض المؤشرات.',
    loading: 'جارٍ التحميل…',
    loaded: 'حُدّثت المؤشرات للفترة',
    failed: 'تعذّر تحميل المؤشرات:',
    national: 'المؤشرات الوطنية',
    trends: 'الساعات الموثقة والقيمة الاقتصادية عبر الزمن',
    agencies: 'الجهات',
    regions: 'المناطق',
    indicator: 'المؤشر',
    value: 'القيمة',
    target: 'المستهدف',
    expectedToDate: 'المتوقع حتى تاريخه',
    attainment: 'نسبة الإنجاز',
    status: 'الحالة',
    agency: 'الجهة',
    region: 'المنطقة',
    month: 'الشهر',
    activeVolunteers: 'المتطوعون النشطون',
    registeredVolunteers: 'المتطوعون المسجلون',
    verifiedHours: 'الساعات الموثقة',
    economicValue: 'القيمة الاقتصادية (ريال)',
    beneficiaries: 'المستفيدون',
    statuses: 'الحالات',
    scorecardOf: 'بطاقة أداء',
    hoursChart: 'الساعات الموثقة شهريًا',
    valueChart: 'القيمة الاقتصادية شهريًا (ريال)',
    regionsChart: 'القيمة الاقتصادية حسب المنطقة (ريال)',
    tableVersion: 'جدول التقييم',
    ON_TRACK: 'على المسار',
    AT_RISK: 'معرّض للتأخر',
    OFF_TRACK: 'متأخر',
    NONE: 'بلا مستهدف',
  },
  en: {
    skip: 'Skip to content',
    title: 'Sahem — national volunteering KPIs',
    period: 'Period',
    switchTo: 'العربية',
    token: 'Access token (Bearer)',
    signin: 'Sign in',
    needToken: 'Enter an analyst access token (scope aggregates:read) to see the indicators.',
    loading: 'Loading…',
    loaded: 'Indicators updated for',
    failed: 'The indicators could not be loaded:',
    national: 'National indicators',
    trends: 'Verified hours and economic value over time',
    agencies: 'Agencies',
    regions: 'Regions',
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    expectedToDate: 'Expected to date',
    attainment: 'Attainment',
    status: 'Status',
    agency: 'Agency',
    region: 'Region',
    month: 'Month',
    activeVolunteers: 'Active volunteers',
    registeredVolunteers: 'Registered volunteers',
    verifiedHours: 'Verified hours',
    economicValue: 'Economic value (SAR)',
    beneficiaries: 'Beneficiaries',
    statuses: 'Statuses',
    scorecardOf: 'Scorecard of',
    hoursChart: 'Verified hours by month',
    valueChart: 'Economic value by month (SAR)',
    regionsChart: 'Economic value by region (SAR)',
    tableVersion: 'valuation table',
    ON_TRACK: 'On track',
    AT_RISK: 'At risk',
    OFF_TRACK: 'Off track',
    NONE: 'No target',
  },
} as const;

/** A key of the dashboard's strings. */
export type StringKey = keyof (typeof STRINGS)['en'];

/** Strings and number, period and status formatting of one language. */
export interface Locale {
  language: Language;
  dir: 'rtl' | 'ltr';
  t(key: StringKey): string;
  /** A figure as people read it: Arabic-Indic digits in Arabic, grouped thousands. */
  number(value: number, fractionDigits?: number): string;
  /** A figure in the indicator's unit (SAR, %, hours, …). */
  inUnit(value: number | null | undefined, unit: IndicatorUnit): string;
  /** Attainment (1 = 100 %) as a percentage. */
  percent(ratio: number | null | undefined): string;
  status(status: IndicatorStatus | null | undefined): string;
  /** `2026` → 2026, `2026-Q3` → Q3 2026, `2026-07` → Jul 2026 (Gregorian in both languages). */
  period(period: string): string;
  /** `2026-07` → Jul: a month on a chart axis, whose title names the year. */
  monthName(period: string): string;
}

/** The {@link Locale} of `language`. */
export function locale(language: Language): Locale {
  const strings = STRINGS[language];
  // Gregorian calendar and Arabic-Indic digits in Arabic: the periods are Gregorian.
  const tag = language === 'ar' ? 'ar-SA-u-ca-gregory-nu-arab' : 'en-GB';
  const formats = new Map<number, Intl.NumberFormat>();
  const number = (value: number, fractionDigits = 0) => {
    let format = formats.get(fractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(tag, { maximumFractionDigits: fractionDigits });
      formats.set(fractionDigits, format);
    }
    return format.format(value);
  };
  const month = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthOnly = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const firstDay = (period: string) =>
    Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 1);
  const dash = '—';
  return {
    language,
    dir: language === 'ar' ? 'rtl' : 'ltr',
    t: (key) => strings[key],
    number,
    inUnit(value, unit) {
      if (value === null || value === undefined) return dash;
      switch (unit) {
        case 'SAR':
          return `${number(value)} ${language === 'ar' ? 'ريال' : 'SAR'}`;
        case 'PERCENT':
          return `${number(value, 1)} %`;
        case 'HOURS':
        case 'HOURS_PER_WEEK':
          return number(value, 2);
        default:
          return number(value);
      }
    },
    percent: (ratio) =>
      ratio === null || ratio === undefined ? dash : `${number(ratio * 100, 1)} %`,
    status: (status) => strings[status ?? 'NONE'],
    period(period) {
      const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
      if (quarter) {
        return language === 'ar'
          ? `الربع ${number(Number(quarter[2]))} ${number(Number(quarter[1]))}`.replace(/٬/g, '')
          : `Q${quarter[2]} ${quarter[1]}`;
      }
      if (/^\d{4}-\d{2}$/.test(period)) return month.format(firstDay(period));
      return number(Number(period)).replace(/[٬,]/g, '');
    },
    monthName: (period) => monthOnly.format(firstDay(period)),
  };
}
