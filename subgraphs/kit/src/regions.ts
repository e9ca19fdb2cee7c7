/** A bilingual name, the shape of every human-readable name in the graph. */
export interface LocalizedText {
  ar: string;
  en: string;
}

/** The 13 administrative regions of Saudi Arabia, by ISO 3166-2:SA code. */
export const REGIONS: ReadonlyMap<string, LocalizedText> = new Map([
  ['SA-01', { ar: 'الرياض', en: 'Riyadh' }],
  ['SA-02', { ar: 'مكة المكرمة', en: 'Makkah' }],
  ['SA-03', { ar: 'المدينة المنورة', en: 'Madinah' }],
  ['SA-04', { ar: 'المنطقة الشرقية', en: 'Eastern Province' }],
  ['SA-05', { ar: 'القصيم', en: 'Al-Qassim' }],
  ['SA-06', { ar: 'حائل', en: "Ha'il" }],
  ['SA-07', { ar: 'تبوك', en: 'Tabuk' }],
  ['SA-08', { ar: 'الحدود الشمالية', en: 'Northern Borders' }],
  ['SA-09', { ar: 'جازان', en: 'Jazan' }],
  ['SA-10', { ar: 'نجران', en: 'Najran' }],
  ['SA-11', { ar: 'الباحة', en: 'Al-Bahah' }],
  ['SA-12', { ar: 'الجوف', en: 'Al-Jawf' }],
  ['SA-14', { ar: 'عسير', en: 'Asir' }],
]);

/** Whether `code` is one of the 13 ISO 3166-2:SA region codes. */
export function isRegionCode(code: string): boolean {
  return REGIONS.has(code);
}

/**
 * Resolvers of the `Region` entity, identical in every subgraph that serves it (regions are
 * static reference data, so each subgraph answers them itself instead of a network hop).
 */
export const regionResolvers = {
  __resolveReference: ({ code }: { code: string }) => (REGIONS.has(code) ? { code } : null),
  name: ({ code }: { code: string }): LocalizedText => REGIONS.get(code) ?? { ar: code, en: code },
};
