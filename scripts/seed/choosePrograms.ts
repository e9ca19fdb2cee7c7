import { CUTOFF_MS, DAY_MS } from './calendar.ts';
import { createRandom, STREAM, weighted } from './createRandom.ts';
import type { ProgramPlan } from './buildPrograms.ts';
import { REGIONS_BY_POPULATION } from './regionProfiles.ts';
import type { VolunteerProfile } from './volunteerProfile.ts';

/** Where a volunteer applies, before anyone decides on the application. */
export interface ProgramChoice {
  program: ProgramPlan;
  skillCode: string;
  appliedAtMs: number;
}

/** Programs sorted by the last day one may apply, with those days for binary search. */
interface ProgramList {
  programs: ProgramPlan[];
  applyUntil: Float64Array;
}

/**
 * Programs open to applications, per region and per region and required skill, sorted by the
 * last day one may apply: the programs a volunteer registered on day `d` can join are a suffix
 * of such a list, found by binary search, so choosing stays O(log n) at a million volunteers.
 */
export interface ProgramIndex {
  byRegion: ProgramList[];
  bySkill: Map<string, ProgramList>[];
}

/** Indexes the programs that take applications (every one but drafts). */
export function indexPrograms(programs: readonly ProgramPlan[], regionCount: number): ProgramIndex {
  const byRegion = Array.from({ length: regionCount }, () => [] as ProgramPlan[]);
  const bySkill = Array.from({ length: regionCount }, () => new Map<string, ProgramPlan[]>());
  for (const program of programs) {
    if (program.status === 'DRAFT') continue;
    byRegion[program.regionIndex]!.push(program);
    const skills = bySkill[program.regionIndex]!;
    for (const code of program.requiredSkills) {
      const list = skills.get(code);
      if (list) list.push(program);
      else skills.set(code, [program]);
    }
  }
  const list = (plans: ProgramPlan[]): ProgramList => {
    plans.sort((a, b) => a.applyUntilDay - b.applyUntilDay || a.serial - b.serial);
    return { programs: plans, applyUntil: Float64Array.from(plans, (p) => p.applyUntilDay) };
  };
  return {
    byRegion: byRegion.map(list),
    bySkill: bySkill.map(
      (skills) => new Map([...skills].map(([code, plans]) => [code, list(plans)])),
    ),
  };
}

// Most volunteers take part in one or two programs; registered but idle members are common.
const ACTIVE_COUNT = weighted([
  [0, 18],
  [1, 30],
  [2, 27],
  [3, 15],
  [4, 10],
]);
const IDLE_COUNT = weighted([
  [0, 45],
  [1, 35],
  [2, 15],
  [3, 5],
]);

/**
 * The programs volunteer `profile` applies to: mostly in the home region (one in seven
 * elsewhere, big regions drawing most), preferring programs that ask for one of the volunteer's
 * skills, never twice the same. A pure function of the seed, the profile and the programs, so
 * the capacity estimate and the real pass see the same choices. With a deeper `history`, a
 * volunteer has `history` times as many applications (there are as many times more programs).
 */
export function choosePrograms(
  seed: number,
  profile: VolunteerProfile,
  index: ProgramIndex,
  history = 1,
): ProgramChoice[] {
  const random = createRandom(seed, STREAM.choices, profile.index);
  const wanted =
    random.pickWeighted(profile.status === 'ACTIVE' ? ACTIVE_COUNT : IDLE_COUNT) * history;
  const registeredDay = Math.floor(profile.registeredAtMs / DAY_MS);
  const choices: ProgramChoice[] = [];
  for (let attempt = 0; choices.length < wanted && attempt < wanted * 3; attempt++) {
    const regionIndex = random.chance(0.85)
      ? profile.regionIndex
      : random.pickWeighted(REGIONS_BY_POPULATION).index;
    // Usually a program asking for one of the volunteer's skills; otherwise any, which
    // still prefers a match among a few it looks at.
    const targeted = random.chance(0.6)
      ? index.bySkill[regionIndex]!.get(random.pick(profile.skills))
      : undefined;
    const { programs, applyUntil } = targeted ?? index.byRegion[regionIndex]!;
    // A volunteer needs a couple of days after registering before applying.
    const first = lowerBound(applyUntil, registeredDay + 2);
    if (first >= programs.length) continue;

    let chosen: ProgramPlan | undefined;
    for (let draw = 0; draw < 4; draw++) {
      const candidate = programs[random.int(first, programs.length - 1)]!;
      if (choices.some((choice) => choice.program === candidate)) continue;
      chosen = candidate;
      if (candidate.requiredSkills.some((code) => profile.skills.includes(code))) break;
    }
    if (!chosen) continue;

    const matching = profile.skills.filter((code) => chosen.requiredSkills.includes(code));
    const from = Math.max(profile.registeredAtMs, chosen.createdAtMs);
    const until = Math.min((chosen.applyUntilDay + 1) * DAY_MS - 1, CUTOFF_MS);
    choices.push({
      program: chosen,
      skillCode: random.pick(matching.length > 0 ? matching : profile.skills),
      appliedAtMs: Math.floor(random.between(from, until) / 1000) * 1000,
    });
  }
  return choices;
}

/** First position whose value is ≥ `value` in an ascending array. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
