import type { LocalizedText } from '@sahem/kit';
import type { ProgramStatus } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { AGENCIES, type ProgramTemplate, type Schedule } from './agencyCatalogue.ts';
import { choosePrograms, indexPrograms, type ProgramIndex } from './choosePrograms.ts';
import {
  CUTOFF_DAY,
  CUTOFF_MS,
  day,
  DAY_MS,
  PROGRAMS_FROM_DAY,
  PROGRAMS_UNTIL_DAY,
} from './calendar.ts';
import { createRandom, STREAM, weighted, type Random, type WeightedTable } from './createRandom.ts';
import { REGION_PROFILES, type RegionProfile } from './regionProfiles.ts';
import { volunteerProfile } from './volunteerProfile.ts';

/** Where a program stands on the seed's cutoff day. */
export type ProgramPhase = 'ended' | 'running' | 'upcoming';

/** A program as the seed plans it, with what the participation pass needs beside the row. */
export interface ProgramPlan {
  /** Position in the list of all programs, for per-program counters. */
  serial: number;
  id: string;
  agencyCode: string;
  template: ProgramTemplate;
  regionCode: string;
  regionIndex: number;
  title: LocalizedText;
  description: LocalizedText;
  requiredSkills: readonly string[];
  startDay: number;
  endDay: number;
  /** Last day applications are taken: mid-programme, and never after the cutoff. */
  applyUntilDay: number;
  phase: ProgramPhase;
  status: ProgramStatus;
  capacity: number;
  beneficiariesServed: number;
  createdAtMs: number;
  updatedAtMs: number;
  /** Officer numbers of the agency's staff in the region who verify the hours. */
  officerBase: number;
}

/** All programs of a seed, numbered per agency, with capacities sized to the demand they meet. */
export interface ProgramPlans {
  programs: ProgramPlan[];
  index: ProgramIndex;
  /** Highest program number used per agency (`Agency.lastProgramNumber`). */
  lastNumbers: Map<string, number>;
  /** The depth of the volunteering history these programs were planned for (`SeedOptions`). */
  history: number;
}

/**
 * Plans every program of the seed: each agency runs 3–5 programs per region (more in the
 * populous ones), times the scale and the history depth, from its templates. Capacities come last: the volunteers'
 * choices are replayed on a sample to see how many apply to each program, so that most programs
 * fill reasonably and some turn applicants away, at every scale.
 */
export function buildPrograms(
  seed: number,
  scale: number,
  volunteers: number,
  history = 1,
): ProgramPlans {
  const perCell = Math.max(1, Math.round(scale));
  const largest = Math.max(...REGION_PROFILES.map((region) => region.population));
  const programs: ProgramPlan[] = [];
  const lastNumbers = new Map<string, number>();

  AGENCIES.forEach((agency, agencyIndex) => {
    const drafts: Omit<ProgramPlan, 'id' | 'serial'>[] = [];
    for (const region of REGION_PROFILES) {
      const random = createRandom(seed, STREAM.programs, agencyIndex, region.index);
      const base = 3 + Math.round((2 * region.population) / largest + random.between(-0.5, 0.5));
      const templates = weighted(
        agency.templates
          .filter((template) => !template.regions || template.regions.includes(region.code))
          .map((template) => [template, template.weight] as const),
      );
      const count = Math.min(5, Math.max(3, base)) * perCell * history;
      for (let n = 0; n < count; n++) {
        drafts.push(planOne(random, agency.code, random.pickWeighted(templates), region));
      }
    }
    // Program numbers are handed out as programs are created, so order them by creation.
    drafts.sort((a, b) => a.createdAtMs - b.createdAtMs);
    drafts.forEach((draft, n) => {
      programs.push({
        ...draft,
        serial: programs.length,
        id: `${agency.code}-${String(n + 1).padStart(5, '0')}`,
      });
    });
    lastNumbers.set(agency.code, drafts.length);
  });

  const index = indexPrograms(programs, REGION_PROFILES.length);
  sizePrograms(seed, programs, index, volunteers, history);
  return { programs, index, lastNumbers, history };
}

// Ended programs are mostly closed out; running ones still recruit or have closed the list;
// future ones are announced or still drafts.
const STATUS_BY_PHASE: Record<ProgramPhase, WeightedTable<ProgramStatus>> = {
  ended: weighted<ProgramStatus>([
    ['COMPLETED', 88],
    ['CLOSED', 12],
  ]),
  running: weighted<ProgramStatus>([
    ['OPEN', 65],
    ['CLOSED', 35],
  ]),
  upcoming: weighted<ProgramStatus>([
    ['OPEN', 55],
    ['DRAFT', 45],
  ]),
};

function planOne(
  random: Random,
  agencyCode: string,
  template: ProgramTemplate,
  region: RegionProfile,
): Omit<ProgramPlan, 'id' | 'serial'> {
  const cities = template.cities;
  const city = cities
    ? random.pick(region.cities.items.filter((place) => cities.includes(place.en)))
    : random.pickWeighted(region.cities);
  const { startDay, endDay, label } = schedule(random, template.schedule);
  const year = new Date(startDay * DAY_MS).getUTCFullYear();
  const when = label ?? { ar: String(year), en: String(year) };

  const phase: ProgramPhase =
    endDay < CUTOFF_DAY ? 'ended' : startDay <= CUTOFF_DAY ? 'running' : 'upcoming';
  const status = random.pickWeighted(STATUS_BY_PHASE[phase]);

  // Agencies publish a few weeks ahead; nothing is created after the cutoff.
  const createdDay = Math.min(startDay - random.int(20, 75), CUTOFF_DAY - random.int(1, 20));
  const createdAtMs = atOfficeHours(random, createdDay);
  const updatedAtMs =
    status === 'COMPLETED' || (status === 'CLOSED' && phase === 'ended')
      ? Math.min(atOfficeHours(random, endDay + random.int(1, 10)), CUTOFF_MS)
      : status === 'CLOSED'
        ? atOfficeHours(random, random.int(startDay, CUTOFF_DAY))
        : createdAtMs;

  return {
    agencyCode,
    template,
    regionCode: region.code,
    regionIndex: region.index,
    title: {
      ar: `${template.title.ar} ${when.ar} — ${city.ar}`,
      en: `${template.title.en} ${when.en} — ${city.en}`,
    },
    description: {
      ar: template.description.ar.replaceAll('{city}', city.ar),
      en: template.description.en.replaceAll('{city}', city.en),
    },
    requiredSkills: template.requiredSkills,
    startDay,
    endDay,
    applyUntilDay: Math.min(Math.floor((startDay + endDay) / 2), CUTOFF_DAY),
    phase,
    status,
    capacity: 0,
    beneficiariesServed: 0,
    createdAtMs,
    updatedAtMs,
    officerBase: region.index * 3 + 1,
  };
}

function schedule(
  random: Random,
  plan: Schedule,
): { startDay: number; endDay: number; label?: LocalizedText } {
  if ('windows' in plan) {
    const window = random.pick(plan.windows);
    return {
      startDay: day(window.from) + random.int(-5, 5),
      endDay: day(window.to) + random.int(-5, 5),
      label: window.label,
    };
  }
  const [shortest, longest] = plan.days;
  // Agencies run more programs each year as the platform grows: later starts are likelier.
  const startDay =
    'months' in plan
      ? Date.UTC(
          random.chance(0.6) ? 2026 : 2025,
          random.pick(plan.months) - 1,
          random.int(1, 28),
        ) / DAY_MS
      : PROGRAMS_FROM_DAY +
        Math.floor(random.next() ** 0.75 * (PROGRAMS_UNTIL_DAY - shortest - PROGRAMS_FROM_DAY));
  const endDay = Math.min(startDay + random.int(shortest, longest), PROGRAMS_UNTIL_DAY);
  // A late start in the last weeks of 2026 still runs two weeks at least.
  return { startDay: Math.min(startDay, endDay - 14), endDay };
}

/** A time between 08:00 and 17:00 in Riyadh (UTC+3) on `dayNumber`. */
function atOfficeHours(random: Random, dayNumber: number): number {
  return dayNumber * DAY_MS + (5 * 3600 + random.int(0, 9 * 3600 - 1)) * 1000;
}

// Share of applicants who end up accepted, by phase: upcoming programs are still selecting.
const ACCEPTED_SHARE: Record<ProgramPhase, number> = { ended: 0.84, running: 0.8, upcoming: 0.35 };

/**
 * Sets capacities and beneficiaries from the demand each program meets, replaying the
 * volunteers' choices on an evenly spaced sample (every volunteer up to 20,000).
 */
function sizePrograms(
  seed: number,
  programs: ProgramPlan[],
  index: ProgramIndex,
  volunteers: number,
  history: number,
): void {
  const demand = new Float64Array(programs.length);
  const step = Math.max(1, Math.ceil(volunteers / 20_000));
  for (let i = 0; i < volunteers; i += step) {
    for (const choice of choosePrograms(
      seed,
      volunteerProfile(seed, i, volunteers),
      index,
      history,
    )) {
      demand[choice.program.serial]! += step;
    }
  }
  for (const program of programs) {
    const random = createRandom(seed, STREAM.programs, 1_000_000 + program.serial);
    const accepted = demand[program.serial]! * ACCEPTED_SHARE[program.phase];
    program.capacity = roundCapacity(accepted * random.between(0.85, 1.5));
    if (program.phase === 'upcoming') continue;
    const ranFor = Math.min(program.endDay, CUTOFF_DAY) - program.startDay + 1;
    const progress = ranFor / (program.endDay - program.startDay + 1);
    const [fewest, most] = program.template.beneficiariesPerVolunteer;
    // Staff serve people too, so even a program few volunteers joined has beneficiaries.
    const served = Math.min(Math.max(accepted, program.capacity / 2), program.capacity);
    program.beneficiariesServed = Math.round(served * progress * random.between(fewest, most));
  }
}

/** Capacities as agencies announce them: 5 at least, then round numbers. */
function roundCapacity(wanted: number): number {
  if (wanted <= 20) return Math.max(5, Math.ceil(wanted));
  return wanted <= 100 ? Math.round(wanted / 5) * 5 : Math.round(wanted / 10) * 10;
}
