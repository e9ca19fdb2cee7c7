import type { LocalizedText } from '@sahem/kit';
import type { VolunteeringKind } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';

/** When a program template runs. */
export type Schedule =
  /** Fixed seasons (Ramadan, Hajj): one of these windows, give or take a few days. */
  | { windows: readonly { from: string; to: string; label: LocalizedText }[] }
  /** Starts in one of these months (1–12) of 2025 or 2026, lasting `days`. */
  | { months: readonly number[]; days: readonly [number, number] }
  /** Starts any time in 2025–2026, lasting `days`. */
  | { days: readonly [number, number] };

/** A kind of program an agency runs; the seed makes one program per template, region and city. */
export interface ProgramTemplate {
  title: LocalizedText;
  /** `{city}` stands for the city where the program runs. */
  description: LocalizedText;
  kind: VolunteeringKind;
  /** ISCO-08 codes the agency looks for. */
  requiredSkills: readonly string[];
  /** How often the agency runs this template relative to its others. */
  weight: number;
  schedule: Schedule;
  /** Only in these regions (Hajj programs run in Makkah and Madinah). @default every region */
  regions?: readonly string[];
  /** Only in these cities, by English name. @default any city of the region */
  cities?: readonly string[];
  /** What volunteers write in their hour logs. */
  activities: readonly LocalizedText[];
  /** People served per participant over the whole program. */
  beneficiariesPerVolunteer: readonly [number, number];
}

/** An agency of the seed data and the programs it runs. */
export interface SeedAgency {
  code: string;
  name: LocalizedText;
  sector: string;
  templates: readonly ProgramTemplate[];
}

const t = (ar: string, en: string): LocalizedText => ({ ar, en });

const HAJJ = [
  { from: '2025-05-20', to: '2025-06-15', label: t('1446هـ', '1446 AH') },
  { from: '2026-05-10', to: '2026-06-05', label: t('1447هـ', '1447 AH') },
];
const RAMADAN = [
  { from: '2025-02-15', to: '2025-03-31', label: t('1446هـ', '1446 AH') },
  { from: '2026-02-05', to: '2026-03-20', label: t('1447هـ', '1447 AH') },
];

/** The four agencies the design names, with programs that fit their mandates. */
export const AGENCIES: readonly SeedAgency[] = [
  {
    code: 'SCD',
    name: t('الدفاع المدني', 'Civil Defense'),
    sector: 'Public safety',
    templates: [
      {
        title: t('الاستعداد لموسم الأمطار والسيول', 'Flood readiness'),
        description: t(
          'يساند المتطوعون فرق الدفاع المدني في تهيئة أحياء {city} لموسم الأمطار: متابعة مجاري التصريف، وتحديد الطرق المعرضة للسيول، وتوعية الأسر بما يجب فعله عند سماع صافرات الإنذار.',
          'Volunteers help Civil Defense teams get {city} ready for the rainy season: checking drainage points, marking roads prone to flash floods and showing families what to do when the sirens sound.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['5411', '3258', '2240'],
        weight: 3,
        schedule: { months: [9, 10, 11], days: [60, 120] },
        activities: [
          t('تفقد مجاري تصريف الأمطار في الحي', 'Checked storm drains in the district'),
          t('توعية الأسر بخطة الإخلاء عند السيول', 'Briefed families on the flood evacuation plan'),
          t('تمرين ميداني على الإنقاذ من السيول', 'Flood rescue field drill'),
          t('وضع لوحات تحذيرية على الطرق المنخفضة', 'Put up warning signs on low-lying roads'),
        ],
        beneficiariesPerVolunteer: [20, 60],
      },
      {
        title: t('السلامة من الحرائق في المدارس', 'Fire safety in schools'),
        description: t(
          'زيارات توعوية لمدارس {city} لتدريب الطلاب والمعلمين على الوقاية من الحرائق واستخدام الطفايات وخطط الإخلاء.',
          'Awareness visits to schools in {city}: teaching pupils and teachers fire prevention, extinguisher use and evacuation drills.',
        ),
        kind: 'INTELLECTUAL',
        requiredSkills: ['5411', '2240'],
        weight: 2,
        schedule: { days: [60, 150] },
        activities: [
          t('محاضرة توعوية عن الوقاية من الحرائق', 'Fire prevention talk for pupils'),
          t('تنفيذ تمرين إخلاء في مدرسة', 'Ran a school evacuation drill'),
          t('تدريب المعلمين على استخدام الطفايات', 'Trained teachers to use extinguishers'),
        ],
        beneficiariesPerVolunteer: [40, 120],
      },
      {
        title: t('فريق البحث والإنقاذ المجتمعي', 'Community search and rescue team'),
        description: t(
          'فريق تطوعي مدرب في {city} يساند الدفاع المدني في عمليات البحث والإنقاذ والإسعاف الأولي في الحوادث والكوارث.',
          'A trained volunteer team in {city} supporting Civil Defense in search and rescue and first response at incidents and disasters.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['5411', '3258', '2240'],
        weight: 3,
        schedule: { days: [120, 270] },
        activities: [
          t('مناوبة مع فريق الإنقاذ', 'Shift with the rescue team'),
          t('تدريب على الإنقاذ من المرتفعات', 'Rope rescue training'),
          t('مساندة في حادث مروري', 'Support at a road accident'),
          t('صيانة معدات الإنقاذ', 'Maintained rescue equipment'),
        ],
        beneficiariesPerVolunteer: [5, 25],
      },
      {
        title: t('سلامة الحشود في موسم الحج', 'Hajj season crowd safety'),
        description: t(
          'يساند المتطوعون الدفاع المدني في {city} في تنظيم الحشود وإرشاد ضيوف الرحمن ورصد مخاطر الحريق والازدحام.',
          'Volunteers support Civil Defense in {city} with crowd management, guiding pilgrims and spotting fire and crowding hazards.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['5411', '3258', '2240'],
        weight: 4,
        schedule: { windows: HAJJ },
        regions: ['SA-02', 'SA-03'],
        cities: ['Makkah', 'Madinah'],
        activities: [
          t('تنظيم الحشود في المنطقة المركزية', 'Crowd management in the central area'),
          t('إرشاد الحجاج التائهين', 'Guided lost pilgrims'),
          t('رصد مخاطر الحريق في المخيمات', 'Fire hazard watch in the camps'),
        ],
        beneficiariesPerVolunteer: [100, 400],
      },
      {
        title: t('زيارات السلامة المنزلية', 'Home fire safety visits'),
        description: t(
          'زيارات لمنازل كبار السن والأسر المحتاجة في {city} لفحص كواشف الدخان وتوصيلات الغاز وتقديم نصائح السلامة.',
          'Visits to the homes of older people and families in need in {city}: checking smoke alarms and gas connections and giving safety advice.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['5411'],
        weight: 2,
        schedule: { days: [60, 180] },
        activities: [
          t('تركيب كواشف دخان', 'Installed smoke alarms'),
          t('فحص توصيلات الغاز في المنازل', 'Checked home gas connections'),
          t('زيارة سلامة لمنزل مسن', "Safety visit to an older person's home"),
        ],
        beneficiariesPerVolunteer: [10, 40],
      },
    ],
  },
  {
    code: 'SEC',
    name: t('الشركة السعودية للكهرباء', 'Saudi Electricity Company'),
    sector: 'Energy',
    templates: [
      {
        title: t('دعم المجتمع أثناء انقطاع التيار الكهربائي', 'Grid-outage community support'),
        description: t(
          'يتواصل المتطوعون في {city} مع كبار السن والمرضى المعتمدين على الأجهزة الطبية عند انقطاع الكهرباء، ويديرون نقاط معلومات للأهالي حتى عودة التيار.',
          'During power cuts in {city}, volunteers check on older people and patients who rely on medical equipment and staff information points until power is back.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['7413', '7411', '2151'],
        weight: 3,
        schedule: { days: [90, 240] },
        activities: [
          t(
            'الاتصال بالمستفيدين المعتمدين على الأجهزة الطبية',
            'Called customers on medical equipment',
          ),
          t('إدارة نقطة معلومات للأهالي', 'Staffed a residents’ information point'),
          t('توزيع مصابيح ومولدات محمولة', 'Handed out lamps and portable generators'),
        ],
        beneficiariesPerVolunteer: [15, 60],
      },
      {
        title: t('الاستعداد لذروة الأحمال الصيفية', 'Summer peak readiness'),
        description: t(
          'حملة في {city} قبل ذروة الصيف لتوعية المشتركين بترشيد التكييف وتقليل الأحمال في ساعات الذروة.',
          'A campaign in {city} before the summer peak: helping customers run air conditioning efficiently and shift load away from peak hours.',
        ),
        kind: 'INTELLECTUAL',
        requiredSkills: ['2151'],
        weight: 2,
        schedule: { months: [5, 6], days: [90, 120] },
        activities: [
          t('ركن توعوي عن ترشيد الاستهلاك', 'Energy-saving awareness stand'),
          t('شرح فاتورة الكهرباء للمشتركين', 'Explained electricity bills to customers'),
        ],
        beneficiariesPerVolunteer: [50, 200],
      },
      {
        title: t(
          'فحص السلامة الكهربائية لمنازل الأسر المحتاجة',
          'Electrical safety checks for families in need',
        ),
        description: t(
          'فنيون متطوعون يفحصون التمديدات الكهربائية في منازل الأسر المحتاجة في {city} ويصلحون الأعطال البسيطة.',
          'Volunteer electricians inspect the wiring of homes of families in need in {city} and fix small faults.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['7411', '2151'],
        weight: 3,
        schedule: { days: [60, 180] },
        activities: [
          t('فحص لوحة التوزيع في منزل', 'Inspected a home distribution board'),
          t('استبدال مقابس تالفة', 'Replaced damaged sockets'),
          t('تركيب قواطع حماية', 'Fitted circuit breakers'),
        ],
        beneficiariesPerVolunteer: [4, 15],
      },
      {
        title: t('دعم فرق إعادة التيار بعد العواصف', 'Storm damage restoration support'),
        description: t(
          'مساندة فرق الطوارئ في {city} بعد العواصف والأمطار: تأمين مواقع الأعطال وإرشاد السكان ونقل المستلزمات.',
          'Backing emergency crews in {city} after storms and heavy rain: securing fault sites, guiding residents and carrying supplies.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['7413', '7411'],
        weight: 2,
        schedule: { months: [10, 11, 12, 1, 2, 3], days: [45, 120] },
        activities: [
          t('تأمين موقع عطل في الشبكة', 'Secured a grid fault site'),
          t('نقل مستلزمات لفرق الطوارئ', 'Carried supplies for emergency crews'),
        ],
        beneficiariesPerVolunteer: [30, 120],
      },
    ],
  },
  {
    code: 'SRCA',
    name: t('هيئة الهلال الأحمر السعودي', 'Saudi Red Crescent Authority'),
    sector: 'Health and emergency',
    templates: [
      {
        title: t('تدريب المجتمع على الإسعافات الأولية', 'Community first aid training'),
        description: t(
          'دورات قصيرة في {city} لتعليم الأهالي الإنعاش القلبي الرئوي وإيقاف النزيف والتعامل مع الاختناق.',
          'Short courses in {city} teaching residents CPR, bleeding control and what to do when someone chokes.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['2221', '3258', '2211'],
        weight: 3,
        schedule: { days: [60, 180] },
        activities: [
          t('تقديم دورة إنعاش قلبي رئوي', 'Taught a CPR course'),
          t('تدريب على الإسعافات الأولية في مدرسة', 'First aid training at a school'),
          t('تجهيز حقائب الإسعاف للتدريب', 'Prepared training first aid kits'),
        ],
        beneficiariesPerVolunteer: [20, 80],
      },
      {
        title: t('حملة التبرع بالدم', 'Blood donation drive'),
        description: t(
          'حملة في {city} بالتعاون مع بنوك الدم: استقبال المتبرعين وفحصهم المبدئي ورعايتهم بعد التبرع.',
          'A drive in {city} with the blood banks: welcoming donors, pre-donation checks and aftercare.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['2221', '5321'],
        weight: 3,
        schedule: { days: [14, 45] },
        activities: [
          t('استقبال المتبرعين وتسجيلهم', 'Registered donors'),
          t('قياس الضغط والهيموجلوبين للمتبرعين', 'Checked donors’ blood pressure and haemoglobin'),
          t('رعاية المتبرعين بعد التبرع', 'Donor aftercare'),
        ],
        beneficiariesPerVolunteer: [10, 40],
      },
      {
        title: t('مناوبات المسعف المتطوع', 'Volunteer paramedic shifts'),
        description: t(
          'مسعفون متطوعون يرافقون فرق الإسعاف في {city} في المناوبات المسائية ونهاية الأسبوع.',
          'Volunteer paramedics ride with ambulance crews in {city} on evening and weekend shifts.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['3258', '5321'],
        weight: 3,
        schedule: { days: [120, 270] },
        activities: [
          t('مناوبة مسائية مع فرقة الإسعاف', 'Evening shift with an ambulance crew'),
          t('مناوبة نهاية الأسبوع', 'Weekend ambulance shift'),
          t('تعقيم وتجهيز سيارة الإسعاف', 'Cleaned and restocked the ambulance'),
        ],
        beneficiariesPerVolunteer: [10, 50],
      },
      {
        title: t('الدعم الإسعافي في موسم الحج', 'Hajj medical support'),
        description: t(
          'فرق إسعافية تطوعية في {city} لخدمة ضيوف الرحمن: نقاط إسعاف ثابتة وفرق راجلة وعلاج الإجهاد الحراري.',
          'Volunteer medical teams in {city} serving pilgrims: first aid posts, foot patrols and treatment of heat stress.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['3258', '2211', '2221'],
        weight: 4,
        schedule: { windows: HAJJ },
        regions: ['SA-02', 'SA-03'],
        cities: ['Makkah', 'Madinah'],
        activities: [
          t('العمل في نقطة إسعاف ثابتة', 'Worked a first aid post'),
          t('دورية إسعافية راجلة', 'First aid foot patrol'),
          t('علاج حالات الإجهاد الحراري', 'Treated heat stress cases'),
        ],
        beneficiariesPerVolunteer: [100, 300],
      },
      {
        title: t('التوعية بمخاطر الإجهاد الحراري', 'Heat stress awareness'),
        description: t(
          'حملة صيفية في {city} لتوعية العمال والمتنزهين بعلامات ضربة الشمس والإسعافات الأولية لها.',
          'A summer campaign in {city} teaching outdoor workers and visitors the signs of heat stroke and its first aid.',
        ),
        kind: 'INTELLECTUAL',
        requiredSkills: ['2211', '2221'],
        weight: 2,
        schedule: { months: [5, 6, 7], days: [45, 90] },
        activities: [
          t('توعية العمال في مواقع البناء', 'Briefed workers on building sites'),
          t('توزيع مياه ومنشورات توعوية', 'Handed out water and leaflets'),
        ],
        beneficiariesPerVolunteer: [40, 150],
      },
    ],
  },
  {
    code: 'HRSD',
    name: t(
      'وزارة الموارد البشرية والتنمية الاجتماعية',
      'Ministry of Human Resources and Social Development',
    ),
    sector: 'Social development',
    templates: [
      {
        title: t('زيارات رعاية كبار السن', 'Elderly care visits'),
        description: t(
          'زيارات منتظمة لكبار السن في {city} للمؤانسة ومساعدتهم في مواعيدهم واحتياجاتهم اليومية.',
          'Regular visits to older people in {city}: company, help with appointments and everyday needs.',
        ),
        kind: 'PRACTICAL',
        requiredSkills: ['2635', '3412'],
        weight: 3,
        schedule: { days: [90, 270] },
        activities: [
          t('زيارة مؤانسة لمسن', 'Companionship visit'),
          t('مرافقة مسن إلى موعد طبي', 'Accompanied an older person to a clinic'),
          t('قراءة ومحادثة مع نزلاء دار الرعاية', 'Reading and conversation at a care home'),
        ],
        beneficiariesPerVolunteer: [3, 12],
      },
      {
        title: t('سلال رمضان الغذائية', 'Ramadan food baskets'),
        description: t(
          'تجهيز السلال الغذائية وتوزيعها على الأسر المستحقة في {city} خلال شهر رمضان.',
          'Packing food baskets and delivering them to families in need in {city} during Ramadan.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['9412', '4110'],
        weight: 4,
        schedule: { windows: RAMADAN },
        activities: [
          t('تعبئة السلال الغذائية في المستودع', 'Packed food baskets at the warehouse'),
          t('توزيع السلال على الأسر', 'Delivered baskets to families'),
          t('التحقق من بيانات الأسر المستفيدة', 'Checked beneficiary family records'),
        ],
        beneficiariesPerVolunteer: [15, 50],
      },
      {
        title: t('دروس التقوية للأيتام', 'After-school tutoring for orphans'),
        description: t(
          'معلمون متطوعون يقدمون دروس تقوية في القراءة والرياضيات لأبناء الجمعيات في {city}.',
          'Volunteer teachers give reading and maths lessons to children supported by charities in {city}.',
        ),
        kind: 'INTELLECTUAL',
        requiredSkills: ['2341', '2635'],
        weight: 3,
        schedule: { days: [90, 180] },
        activities: [
          t('درس تقوية في الرياضيات', 'Maths tutoring session'),
          t('درس تقوية في القراءة', 'Reading tutoring session'),
          t('متابعة الواجبات المدرسية', 'Homework club'),
        ],
        beneficiariesPerVolunteer: [4, 15],
      },
      {
        title: t(
          'الترجمة والإرشاد في مكاتب الخدمات الاجتماعية',
          'Interpreting at social services offices',
        ),
        description: t(
          'مترجمون متطوعون في مكاتب {city} يساعدون المراجعين من غير الناطقين بالعربية في فهم الخدمات وتعبئة النماذج.',
          'Volunteer interpreters at offices in {city} help visitors who do not speak Arabic understand services and fill in forms.',
        ),
        kind: 'ADVISORY',
        requiredSkills: ['2643', '4110'],
        weight: 2,
        schedule: { days: [90, 240] },
        activities: [
          t('ترجمة لمراجعين في مكتب الخدمات', 'Interpreted for visitors at the office'),
          t('مساعدة في تعبئة النماذج', 'Helped fill in forms'),
        ],
        beneficiariesPerVolunteer: [20, 80],
      },
      {
        title: t('الإرشاد الأسري والاجتماعي', 'Family counselling'),
        description: t(
          'جلسات إرشاد للأسر في {city} حول إدارة ميزانية الأسرة وحل الخلافات والوصول إلى برامج الدعم.',
          'Counselling sessions for families in {city} on household budgets, resolving disputes and reaching support programmes.',
        ),
        kind: 'ADVISORY',
        requiredSkills: ['2635', '3412'],
        weight: 2,
        schedule: { days: [90, 240] },
        activities: [
          t('جلسة إرشاد أسري', 'Family counselling session'),
          t('ورشة عن ميزانية الأسرة', 'Household budget workshop'),
        ],
        beneficiariesPerVolunteer: [5, 20],
      },
      {
        title: t('حملة كفالة الأسر المتعففة', 'Family sponsorship fund drive'),
        description: t(
          'حملة لجمع التبرعات وكفالة الأسر المتعففة في {city} بالتنسيق مع الجمعيات الأهلية.',
          'A fundraising drive in {city}, with local charities, to sponsor families in need.',
        ),
        kind: 'FINANCIAL',
        requiredSkills: ['4110', '3412'],
        weight: 1,
        schedule: { days: [30, 90] },
        activities: [
          t('تنظيم ركن لجمع التبرعات', 'Ran a donations stand'),
          t('متابعة ملفات الأسر المكفولة', 'Followed up sponsored families'),
        ],
        beneficiariesPerVolunteer: [2, 8],
      },
      {
        title: t('المطبخ المجتمعي', 'Community kitchen'),
        description: t(
          'إعداد وجبات يومية في المطبخ المجتمعي في {city} وتوزيعها على العمال والأسر المحتاجة.',
          'Cooking daily meals at the community kitchen in {city} and serving them to workers and families in need.',
        ),
        kind: 'PHYSICAL',
        requiredSkills: ['9412'],
        weight: 2,
        schedule: { days: [60, 180] },
        activities: [
          t('إعداد الوجبات في المطبخ المجتمعي', 'Cooked at the community kitchen'),
          t('توزيع الوجبات', 'Served meals'),
        ],
        beneficiariesPerVolunteer: [30, 100],
      },
    ],
  },
];
