import { REGIONS, type LocalizedText } from '@sahem/kit';
import { weighted, type WeightedTable } from './createRandom.ts';

/** What the seed data knows about one region. */
export interface RegionProfile {
  code: string;
  /** Position in {@link REGION_PROFILES}, for compact per-region arrays. */
  index: number;
  /** Population in thousands (GASTAT census 2022): how many volunteers live there. */
  population: number;
  /** Cities with a rough share of the region's population. */
  cities: WeightedTable<LocalizedText>;
  /** Family names common in the region, in Arabic and in the Latin spelling used for emails. */
  families: readonly FamilyName[];
}

/** A family name and its usual Latin spelling. */
export interface FamilyName {
  ar: string;
  en: string;
}

type CityRow = readonly [ar: string, en: string, share: number];

const PROFILES: Record<string, { population: number; cities: CityRow[]; families: string[] }> = {
  'SA-01': {
    population: 8591,
    cities: [
      ['الرياض', 'Riyadh', 70],
      ['الخرج', 'Al-Kharj', 8],
      ['الدوادمي', 'Ad-Dawadimi', 3],
      ['المجمعة', "Al-Majma'ah", 3],
      ['الزلفي', 'Az-Zulfi', 2],
      ['وادي الدواسر', 'Wadi ad-Dawasir', 3],
      ['شقراء', 'Shaqra', 2],
      ['عفيف', 'Afif', 2],
      ['القويعية', 'Al-Quwayiyah', 2],
    ],
    families: [
      'السبيعي:Al-Subaie',
      'الدوسري:Al-Dosari',
      'القحطاني:Al-Qahtani',
      'السديري:Al-Sudairi',
    ],
  },
  'SA-02': {
    population: 8021,
    cities: [
      ['جدة', 'Jeddah', 45],
      ['مكة المكرمة', 'Makkah', 28],
      ['الطائف', 'Taif', 15],
      ['القنفذة', 'Al-Qunfudhah', 4],
      ['رابغ', 'Rabigh', 3],
      ['الليث', 'Al-Lith', 3],
      ['الجموم', 'Al-Jumum', 2],
    ],
    families: [
      'الغامدي:Al-Ghamdi',
      'الزهراني:Al-Zahrani',
      'الثبيتي:Al-Thubaiti',
      'القرشي:Al-Qurashi',
      'الهذلي:Al-Hudhali',
    ],
  },
  'SA-03': {
    population: 2390,
    cities: [
      ['المدينة المنورة', 'Madinah', 70],
      ['ينبع', 'Yanbu', 15],
      ['العلا', 'Al-Ula', 5],
      ['بدر', 'Badr', 3],
      ['خيبر', 'Khaybar', 3],
      ['الحناكية', 'Al-Hinakiyah', 4],
    ],
    families: [
      'الجهني:Al-Juhani',
      'الحربي:Al-Harbi',
      'الأحمدي:Al-Ahmadi',
      'الصاعدي:Al-Saedi',
      'المزيني:Al-Muzaini',
    ],
  },
  'SA-04': {
    population: 5126,
    cities: [
      ['الدمام', 'Dammam', 25],
      ['الأحساء', 'Al-Ahsa', 25],
      ['الخبر', 'Khobar', 15],
      ['الجبيل', 'Jubail', 10],
      ['القطيف', 'Qatif', 12],
      ['حفر الباطن', 'Hafr Al-Batin', 8],
      ['الظهران', 'Dhahran', 3],
      ['الخفجي', 'Al-Khafji', 2],
    ],
    families: [
      'الهاجري:Al-Hajri',
      'المري:Al-Marri',
      'العجمي:Al-Ajmi',
      'النعيمي:Al-Nuaimi',
      'الخالدي:Al-Khalidi',
    ],
  },
  'SA-05': {
    population: 1337,
    cities: [
      ['بريدة', 'Buraydah', 50],
      ['عنيزة', 'Unaizah', 25],
      ['الرس', 'Ar-Rass', 12],
      ['البكيرية', 'Al-Bukayriyah', 7],
      ['المذنب', 'Al-Mithnab', 6],
    ],
    families: ['الحربي:Al-Harbi', 'الرشيدي:Al-Rashidi', 'المطيري:Al-Mutairi', 'التميمي:Al-Tamimi'],
  },
  'SA-06': {
    population: 747,
    cities: [
      ['حائل', "Ha'il", 70],
      ['بقعاء', "Baqa'a", 12],
      ['الغزالة', 'Al-Ghazalah', 9],
      ['الشنان', 'Ash-Shinan', 9],
    ],
    families: ['الشمري:Al-Shammari', 'الرشيدي:Al-Rashidi', 'العنزي:Al-Anazi'],
  },
  'SA-07': {
    population: 887,
    cities: [
      ['تبوك', 'Tabuk', 70],
      ['الوجه', 'Al-Wajh', 8],
      ['ضباء', 'Duba', 8],
      ['تيماء', 'Tayma', 7],
      ['أملج', 'Umluj', 7],
    ],
    families: ['البلوي:Al-Balawi', 'العطوي:Al-Atawi', 'الحويطي:Al-Huwaiti', 'العنزي:Al-Anazi'],
  },
  'SA-08': {
    population: 374,
    cities: [
      ['عرعر', 'Arar', 60],
      ['رفحاء', 'Rafha', 22],
      ['طريف', 'Turaif', 12],
      ['العويقيلة', 'Al-Uwayqilah', 6],
    ],
    families: ['العنزي:Al-Anazi', 'الرويلي:Al-Ruwaili', 'الشمري:Al-Shammari'],
  },
  'SA-09': {
    population: 1405,
    cities: [
      ['جازان', 'Jazan', 30],
      ['صبيا', 'Sabya', 22],
      ['أبو عريش', 'Abu Arish', 20],
      ['صامطة', 'Samtah', 15],
      ['أحد المسارحة', 'Ahad Al-Masarihah', 8],
      ['فرسان', 'Farasan', 5],
    ],
    families: [
      'الفيفي:Al-Faifi',
      'المالكي:Al-Malki',
      'الحازمي:Al-Hazmi',
      'النعمي:Al-Nemi',
      'المدخلي:Al-Madkhali',
    ],
  },
  'SA-10': {
    population: 593,
    cities: [
      ['نجران', 'Najran', 70],
      ['شرورة', 'Sharurah', 18],
      ['حبونا', 'Hubuna', 6],
      ['بدر الجنوب', 'Badr Al-Janub', 6],
    ],
    families: ['اليامي:Al-Yami', 'الحارثي:Al-Harthi', 'الوادعي:Al-Wadei'],
  },
  'SA-11': {
    population: 339,
    cities: [
      ['الباحة', 'Al-Bahah', 45],
      ['بلجرشي', 'Baljurashi', 25],
      ['المندق', 'Al-Mandaq', 12],
      ['المخواة', 'Al-Mikhwah', 12],
      ['قلوة', 'Qilwah', 6],
    ],
    families: ['الغامدي:Al-Ghamdi', 'الزهراني:Al-Zahrani'],
  },
  'SA-12': {
    population: 596,
    cities: [
      ['سكاكا', 'Sakaka', 50],
      ['القريات', 'Al-Qurayyat', 28],
      ['دومة الجندل', 'Dumat Al-Jandal', 15],
      ['طبرجل', 'Tabarjal', 7],
    ],
    families: ['الرويلي:Al-Ruwaili', 'الشراري:Al-Sharari', 'العنزي:Al-Anazi'],
  },
  'SA-14': {
    population: 2025,
    cities: [
      ['أبها', 'Abha', 30],
      ['خميس مشيط', 'Khamis Mushait', 35],
      ['بيشة', 'Bisha', 15],
      ['محايل عسير', 'Muhayil', 10],
      ['النماص', 'An-Namas', 5],
      ['سراة عبيدة', 'Sarat Abidah', 5],
    ],
    families: [
      'العسيري:Al-Asiri',
      'الشهري:Al-Shehri',
      'الأسمري:Al-Asmari',
      'الشهراني:Al-Shahrani',
      'العمري:Al-Omari',
    ],
  },
};

/** `'العتيبي:Al-Otaibi'` → `{ ar, en }`: keeps the tables one line per name. */
export function familyName(entry: string): FamilyName {
  const [ar, en] = entry.split(':') as [string, string];
  return { ar, en };
}

/** Every region of {@link REGIONS}, in code order, with its population and places. */
export const REGION_PROFILES: readonly RegionProfile[] = [...REGIONS.keys()].map((code, index) => {
  const profile = PROFILES[code];
  if (!profile) throw new Error(`seed data has no profile for region ${code}`);
  return {
    code,
    index,
    population: profile.population,
    cities: weighted(profile.cities.map(([ar, en, share]) => [{ ar, en }, share] as const)),
    families: profile.families.map(familyName),
  };
});

/** Regions weighted by population: where a volunteer lives. */
export const REGIONS_BY_POPULATION: WeightedTable<RegionProfile> = weighted(
  REGION_PROFILES.map((region) => [region, region.population] as const),
);
