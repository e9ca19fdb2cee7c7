import type { ProgramPlans } from './buildPrograms.ts';
import type { HourLogRow } from './copyHourLogs.ts';
import type { ParticipationRow } from './copyParticipations.ts';
import { createParticipationPlanner } from './planParticipations.ts';
import { volunteerProfile, type VolunteerProfile } from './volunteerProfile.ts';

/** The participations and hour logs of consecutive volunteers, of every agency. */
export interface ParticipationChunk {
  participations: ParticipationRow[];
  hourLogs: HourLogRow[];
  /** The chunk's volunteers, for their participant cells. */
  profiles: VolunteerProfile[];
  /** Volunteers planned so far, this chunk included. */
  done: number;
}

/**
 * Plans the participations and hour logs of all `total` volunteers over `plans`, `chunk`
 * volunteers at a time and in id order (the planner counts places taken in every program, so
 * every volunteer is planned whatever is kept): only one chunk is held at a time.
 */
export function* generateParticipations(options: {
  seed: number;
  plans: ProgramPlans;
  total: number;
  chunk: number;
}): Generator<ParticipationChunk> {
  const { seed, plans, total, chunk } = options;
  const plan = createParticipationPlanner(seed, plans);
  for (let start = 0; start < total; start += chunk) {
    const participations: ParticipationRow[] = [];
    const hourLogs: HourLogRow[] = [];
    const profiles: VolunteerProfile[] = [];
    const end = Math.min(start + chunk, total);
    for (let index = start; index < end; index++) {
      const profile = volunteerProfile(seed, index, total);
      profiles.push(profile);
      const planned = plan(profile);
      participations.push(...planned.participations);
      hourLogs.push(...planned.hourLogs);
    }
    yield { participations, hourLogs, profiles, done: end };
  }
}
