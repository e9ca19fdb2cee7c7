import { hashNationalId, withCheckDigit } from '../../../subgraphs/volunteers/src/nationalId.ts';
import type { Graph } from './startGraph.ts';
import { TEST_SALT } from './startGraph.ts';

/** A small, fixed national graph: every expected value in the e2e tests derives from it. */
export const fixture = {
  agencies: [
    { code: 'SCD', nameAr: 'الدفاع المدني', nameEn: 'Civil Defense', sector: 'Public safety' },
    {
      code: 'SEC',
      nameAr: 'الشركة السعودية للكهرباء',
      nameEn: 'Saudi Electricity Company',
      sector: 'Energy',
    },
    {
      code: 'SRCA',
      nameAr: 'هيئة الهلال الأحمر السعودي',
      nameEn: 'Saudi Red Crescent',
      sector: 'Health',
    },
    {
      code: 'HRSD',
      nameAr: 'وزارة الموارد البشرية',
      nameEn: 'Ministry of Human Resources',
      sector: 'Social',
    },
  ],
  volunteers: [
    {
      id: 'V-0000001',
      fullName: 'نورة الحربي',
      regionCode: 'SA-01',
      hours: 3,
      skills: ['2221', '3258'],
    },
    {
      id: 'V-0000002',
      fullName: 'سارة القحطاني',
      regionCode: 'SA-01',
      hours: 0.5,
      skills: ['2221'],
    },
    { id: 'V-0000003', fullName: 'فهد العتيبي', regionCode: 'SA-01', hours: 4, skills: ['5411'] },
    { id: 'V-0000004', fullName: 'ريم الزهراني', regionCode: 'SA-02', hours: 5, skills: ['2221'] },
    {
      id: 'V-0000005',
      fullName: 'خالد الشهري',
      regionCode: 'SA-01',
      hours: 1,
      skills: ['2221', '5411'],
    },
    {
      id: 'V-0000006',
      fullName: 'عبدالله الدوسري',
      regionCode: 'SA-01',
      hours: 2,
      skills: ['3258'],
    },
  ],
  programs: [
    {
      id: 'SCD-00001',
      agencyCode: 'SCD',
      regionCode: 'SA-01',
      en: 'Riyadh flood readiness',
      start: '2026-01-01',
      end: '2026-12-31',
      status: 'OPEN',
      beneficiaries: 1200,
    },
    {
      id: 'SRCA-00001',
      agencyCode: 'SRCA',
      regionCode: 'SA-01',
      en: 'First aid in schools',
      start: '2025-06-01',
      end: '2026-06-30',
      status: 'OPEN',
      beneficiaries: 800,
    },
    {
      id: 'SEC-00001',
      agencyCode: 'SEC',
      regionCode: 'SA-04',
      en: 'Grid outage support',
      start: '2026-02-01',
      end: '2026-08-31',
      status: 'CLOSED',
      beneficiaries: 300,
    },
    {
      id: 'HRSD-00001',
      agencyCode: 'HRSD',
      regionCode: 'SA-01',
      en: 'Elderly visits (draft)',
      start: '2026-03-01',
      end: '2026-09-30',
      status: 'DRAFT',
      beneficiaries: 0,
    },
  ],
  participations: [
    {
      id: 'SCD-00000000-0000-4000-8000-000000000001',
      volunteerId: 'V-0000001',
      programId: 'SCD-00001',
      role: 'TEAM_LEAD',
      status: 'ACTIVE',
      skillCode: '3258',
      joinedOn: '2026-01-05',
    },
    {
      id: 'SRCA-00000000-0000-4000-8000-000000000002',
      volunteerId: 'V-0000001',
      programId: 'SRCA-00001',
      role: 'MEMBER',
      status: 'COMPLETED',
      skillCode: '2221',
      joinedOn: '2025-06-10',
    },
    {
      id: 'SCD-00000000-0000-4000-8000-000000000003',
      volunteerId: 'V-0000005',
      programId: 'SCD-00001',
      role: 'MEMBER',
      status: 'ACTIVE',
      skillCode: '5411',
      joinedOn: '2026-02-01',
    },
    {
      id: 'SCD-00000000-0000-4000-8000-000000000004',
      volunteerId: 'V-0000003',
      programId: 'SCD-00001',
      role: 'TEAM_LEAD',
      status: 'ACTIVE',
      skillCode: '5411',
      joinedOn: '2026-01-05',
    },
    {
      id: 'SCD-00000000-0000-4000-8000-000000000005',
      volunteerId: 'V-0000006',
      programId: 'SCD-00001',
      role: 'MEMBER',
      status: 'APPLIED',
      skillCode: '3258',
      joinedOn: null,
    },
    {
      id: 'SEC-00000000-0000-4000-8000-000000000006',
      volunteerId: 'V-0000004',
      programId: 'SEC-00001',
      role: 'MEMBER',
      status: 'ACTIVE',
      skillCode: '2221',
      joinedOn: '2026-02-03',
    },
  ],
  hourLogs: [
    { participation: 1, date: '2026-01-10', hours: 4, verified: true },
    { participation: 1, date: '2026-02-14', hours: 2.5, verified: true },
    { participation: 1, date: '2026-03-01', hours: 3, verified: false },
    { participation: 2, date: '2025-07-01', hours: 6, verified: true },
    { participation: 2, date: '2026-01-20', hours: 1.5, verified: true },
    { participation: 3, date: '2026-02-02', hours: 8, verified: true },
    { participation: 3, date: '2026-04-11', hours: 2, verified: false },
    { participation: 4, date: '2026-01-06', hours: 5, verified: true },
    { participation: 4, date: '2026-03-15', hours: 1, verified: true },
    { participation: 6, date: '2026-02-04', hours: 7.25, verified: true },
  ],
};

export type Fixture = typeof fixture;
type FixtureProgram = Fixture['programs'][number];

const DAY_MS = 86_400_000;
/** Days from `first` to `last` (ISO dates), both included; 0 when `last` comes first. */
const daysFrom = (first: string, last: string) =>
  Math.max(0, (Date.parse(last) - Date.parse(first)) / DAY_MS + 1);
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Beneficiaries and programs run of the fixture programs `inScope` from `first` to `last`, by
 * the programs subgraph's rule written out independently: a non-draft program's beneficiaries
 * are spread evenly over the days it has run by `today`, a period takes those of its own days
 * (the sum rounded once), and the programs with at least one such day ran in it.
 */
export function programFigures(
  inScope: (program: FixtureProgram) => boolean,
  first: string,
  last: string,
  today: string,
): { beneficiaries: number; programsRun: number } {
  let beneficiaries = 0;
  let programsRun = 0;
  for (const program of fixture.programs.filter((p) => inScope(p) && p.status !== 'DRAFT')) {
    const ranUntil = earlier(program.end, today);
    const ran = daysFrom(program.start, ranUntil);
    const inPeriod = daysFrom(later(program.start, first), earlier(ranUntil, last));
    if (ran === 0 || inPeriod === 0) continue;
    programsRun += 1;
    beneficiaries += (program.beneficiaries * inPeriod) / ran;
  }
  return { beneficiaries: Math.round(beneficiaries), programsRun };
}

const participationId = (n: number) => fixture.participations[n - 1]!.id;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Writes the fixture into each subgraph's own database, as two agencies' systems would. */
export async function loadFixture(graph: Graph): Promise<void> {
  const volunteersDb = graph.volunteers.db.prisma;
  await volunteersDb.volunteer.createMany({
    data: fixture.volunteers.map((v, i) => {
      const nationalId = withCheckDigit(`10000000${i}`);
      return {
        id: v.id,
        fullName: v.fullName,
        nationalIdHash: hashNationalId(nationalId, TEST_SALT),
        nationalIdLast4: nationalId.slice(-4),
        gender: i % 2 ? 'MALE' : 'FEMALE',
        birthYear: 1990 + i,
        regionCode: v.regionCode,
        city: v.regionCode === 'SA-01' ? 'Riyadh' : 'Jeddah',
        email: `volunteer${i + 1}@example.sa`,
        weeklyAvailabilityHours: v.hours,
        kinds: ['PRACTICAL'],
      };
    }),
  });
  // Registrations made by a test number on from here, as they would after these records.
  await volunteersDb.$executeRaw`SELECT setval('volunteer_number', ${fixture.volunteers.length})`;
  await volunteersDb.volunteerSkill.createMany({
    data: fixture.volunteers.flatMap((v) =>
      v.skills.map((skillCode) => ({ volunteerId: v.id, skillCode })),
    ),
  });
  // Each agency's records go to the instance that holds it, as each agency's own system would.
  const agencyOfProgram = new Map(fixture.programs.map((p) => [p.id, p.agencyCode]));
  for (const instance of graph.programsInstances) {
    const programsDb = instance.subgraph.db.prisma;
    const held = (code: string | undefined) =>
      code !== undefined && instance.agencies.includes(code);
    const participations = fixture.participations.filter((p) =>
      held(agencyOfProgram.get(p.programId)),
    );
    const participationIds = new Set(participations.map((p) => p.id));
    // The instance wrote its agencies' rows from the registry at start; the fixture's are these.
    await programsDb.agency.deleteMany({ where: { code: { in: instance.agencies } } });
    await programsDb.agency.createMany({
      data: fixture.agencies
        .filter((a) => held(a.code))
        .map((a) => ({ ...a, lastProgramNumber: 1 })),
    });
    await programsDb.program.createMany({
      data: fixture.programs
        .filter((p) => held(p.agencyCode))
        .map((p) => ({
          id: p.id,
          agencyCode: p.agencyCode,
          titleAr: `برنامج ${p.id}`,
          titleEn: p.en,
          descriptionAr: 'وصف',
          descriptionEn: 'Description',
          kind: 'PRACTICAL',
          regionCode: p.regionCode,
          startDate: day(p.start),
          endDate: day(p.end),
          capacity: 10,
          requiredSkills: [],
          status: p.status as 'OPEN',
          beneficiariesServed: p.beneficiaries,
        })),
    });
    await programsDb.participation.createMany({
      data: participations.map((p) => ({
        ...p,
        // One instant for all, as one insert into one store would give them: ties break by id.
        appliedAt: new Date('2026-01-01T08:00:00Z'),
        role: p.role as 'MEMBER',
        status: p.status as 'ACTIVE',
        joinedOn: p.joinedOn ? day(p.joinedOn) : null,
      })),
    });
    await programsDb.hourLog.createMany({
      data: fixture.hourLogs
        .map((log, i) => ({ log, i }))
        .filter(({ log }) => participationIds.has(participationId(log.participation)))
        .map(({ log, i }) => ({
          // Keys name their agency, as the participation's does.
          id: `${participationId(log.participation).split('-')[0]}-00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
          participationId: participationId(log.participation),
          date: day(log.date),
          hours: log.hours,
          activity: 'Field work',
          verified: log.verified,
          verifiedBy: log.verified ? 'officer-1' : null,
          verifiedAt: log.verified ? day(log.date) : null,
        })),
    });
  }
}
