import type {
  Gender,
  VolunteeringKind,
  VolunteerStatus,
} from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { CUTOFF_MS, REGISTRATIONS_FROM_MS } from './calendar.ts';
import { createRandom, STREAM, weighted } from './createRandom.ts';
import { REGIONS_BY_POPULATION } from './regionProfiles.ts';
import { KIND_ORDER, KINDS_BY_MAJOR_GROUP, SKILLS_BY_FREQUENCY } from './skillWeights.ts';

/**
 * The attributes of one seeded volunteer that both seeders need. The volunteers seeder stores
 * them; the programs seeder recomputes them to match people with programs in their region and
 * skills, without reading the volunteers database.
 */
export interface VolunteerProfile {
  /** Position in the seed, from 0; the volunteer's number is `index + 1`. */
  index: number;
  id: string;
  regionCode: string;
  /** Position of the region in `REGION_PROFILES`. */
  regionIndex: number;
  city: string;
  gender: Gender;
  birthYear: number;
  /** One to three ISCO-08 codes, the first being the main occupation. */
  skills: string[];
  kinds: VolunteeringKind[];
  weeklyAvailabilityHours: number;
  status: VolunteerStatus;
  registeredAtMs: number;
}

const SKILL_COUNT = weighted([
  [1, 45],
  [2, 35],
  [3, 20],
]);
const STATUS = weighted<VolunteerStatus>([
  ['ACTIVE', 87],
  ['INACTIVE', 10],
  ['SUSPENDED', 3],
]);

/** `V-0000042` for the volunteer at index 41: the format of the `volunteer_number` sequence. */
export function volunteerId(index: number): string {
  return `V-${String(index + 1).padStart(7, '0')}`;
}

/** The profile of volunteer `index` of `total`, a pure function of the three numbers. */
export function volunteerProfile(seed: number, index: number, total: number): VolunteerProfile {
  const random = createRandom(seed, STREAM.volunteer, index);
  const region = random.pickWeighted(REGIONS_BY_POPULATION);
  const city = random.pickWeighted(region.cities).en;
  const gender: Gender = random.chance(0.52) ? 'MALE' : 'FEMALE';
  // Mostly people in their twenties and thirties; the oldest volunteers are rarer.
  const birthYear = 2008 - Math.floor(54 * random.next() ** 2.2);

  const skills: string[] = [];
  for (let wanted = random.pickWeighted(SKILL_COUNT); skills.length < wanted;) {
    const code = random.pickWeighted(SKILLS_BY_FREQUENCY);
    if (!skills.includes(code)) skills.push(code);
  }

  const leanings = KINDS_BY_MAJOR_GROUP[skills[0]![0]!]!;
  const kinds = new Set<VolunteeringKind>([leanings[0]!]);
  if (random.chance(0.4)) kinds.add(random.pick(leanings));
  if (random.chance(0.12)) kinds.add('FINANCIAL');
  if (random.chance(0.1)) kinds.add(random.pick(KIND_ORDER));

  // Registration numbers follow registration time, and sign-ups grow over the years
  // (quadratic cumulative curve), so volunteer ids are ordered like registrations really are.
  const progress = Math.sqrt((index + random.next()) / total);
  const registeredAtMs =
    Math.floor((REGISTRATIONS_FROM_MS + progress * (CUTOFF_MS - REGISTRATIONS_FROM_MS)) / 1000) *
    1000;

  return {
    index,
    id: volunteerId(index),
    regionCode: region.code,
    regionIndex: region.index,
    city,
    gender,
    birthYear,
    skills,
    kinds: KIND_ORDER.filter((kind) => kinds.has(kind)),
    weeklyAvailabilityHours: availability(random.next(), random.next()),
    status: random.pickWeighted(STATUS),
    registeredAtMs,
  };
}

/** Hours a week, in half hours: "even one hour a week"; most give 1–6, a few up to 20. */
function availability(band: number, within: number): number {
  if (band < 0.06) return 0;
  if (band < 0.8) return 1 + Math.floor(11 * within ** 1.4) / 2;
  return band < 0.95 ? 6.5 + Math.floor(12 * within) / 2 : 12.5 + Math.floor(16 * within) / 2;
}
