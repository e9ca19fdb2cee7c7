import { familyName, type FamilyName } from './regionProfiles.ts';

/** A given name in Arabic and its usual Latin spelling (for email addresses). */
export type GivenName = FamilyName;

const given = (entries: string): GivenName[] =>
  entries.split(' ').map((entry) => familyName(entry));

/** Common Saudi given names of men. */
export const MALE_NAMES = given(
  'محمد:Mohammed عبدالله:Abdullah أحمد:Ahmed خالد:Khalid فهد:Fahad سعود:Saud عبدالرحمن:Abdulrahman ' +
    'فيصل:Faisal سلطان:Sultan تركي:Turki ناصر:Nasser عمر:Omar يوسف:Yousef إبراهيم:Ibrahim سعد:Saad ' +
    'بندر:Bandar ماجد:Majed نايف:Naif مشعل:Mishal عبدالعزيز:Abdulaziz راكان:Rakan حمد:Hamad علي:Ali ' +
    'حسن:Hassan مازن:Mazen ياسر:Yasser زياد:Ziyad طلال:Talal بدر:Badr وليد:Waleed',
);

/** Common Saudi given names of women. */
export const FEMALE_NAMES = given(
  'نورة:Noura سارة:Sarah فاطمة:Fatimah ريم:Reem هيا:Haya لطيفة:Latifa منيرة:Munira عبير:Abeer ' +
    'أمل:Amal مها:Maha ريما:Rima جواهر:Jawaher دانة:Dana لمى:Lama شهد:Shahad رهف:Rahaf غادة:Ghada ' +
    'هند:Hind أسماء:Asma مريم:Maryam خلود:Khulood العنود:Alanoud بشاير:Bashayer وعد:Waad أروى:Arwa ' +
    'ليلى:Layla نجلاء:Najla ديما:Deema حصة:Hessa الجوهرة:Aljohara',
);

/** Family names found across the country. */
export const SAUDI_FAMILIES = given(
  'الحربي:Al-Harbi العتيبي:Al-Otaibi القحطاني:Al-Qahtani الغامدي:Al-Ghamdi الزهراني:Al-Zahrani ' +
    'الشهري:Al-Shehri الدوسري:Al-Dosari المطيري:Al-Mutairi الشمري:Al-Shammari العنزي:Al-Anazi ' +
    'السبيعي:Al-Subaie الرشيدي:Al-Rashidi الجهني:Al-Juhani العمري:Al-Omari المالكي:Al-Malki ' +
    'السهلي:Al-Sahli البقمي:Al-Buqami الخالدي:Al-Khalidi التميمي:Al-Tamimi الأحمدي:Al-Ahmadi ' +
    'البلوي:Al-Balawi الأسمري:Al-Asmari الحازمي:Al-Hazmi الهاجري:Al-Hajri الثبيتي:Al-Thubaiti ' +
    'الراشد:Al-Rashed العيسى:Al-Issa السالم:Al-Salem الفهد:Al-Fahad الحمدان:Al-Hamdan',
);

/** Family names of residents (holders of a resident id), Arab and South Asian. */
export const RESIDENT_FAMILIES = given(
  'الأنصاري:Al-Ansari حداد:Haddad الخطيب:Al-Khatib النجار:Al-Najjar عثمان:Osman سليمان:Suleiman ' +
    'الشريف:Al-Sharif عبدالرحيم:Abdelrahim يوسف:Youssef الحسن:Al-Hassan رحمن:Rahman خان:Khan ' +
    'قريشي:Qureshi صديقي:Siddiqui الأمين:Al-Amin إدريس:Idris',
);
