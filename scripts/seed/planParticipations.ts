import type { ParticipationStatus } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { choosePrograms } from './choosePrograms.ts';
import type { ProgramPhase, ProgramPlans, ProgramPlan } from './buildPrograms.ts';
import { CUTOFF_DAY, CUTOFF_MS, dateOf, DAY_MS } from './calendar.ts';
import { createRandom, STREAM, weighted, type Random, type WeightedTable } from './createRandom.ts';
import type { HourLogRow } from './copyHourLogs.ts';
import type { ParticipationRow } from './copyParticipations.ts';
import type { VolunteerProfile } from './volunteerProfile.ts';

/** The rows one volunteer contributes to the programs database. */
export interface VolunteerParticipation {
  participations: ParticipationRow[];
  hourLogs: HourLogRow[];
}

type Status = ParticipationStatus;

// What becomes of an application, by where the program stood on the cutoff day.
const OUTCOMES: Record<ProgramPhase | 'runningClosed', WeightedTable<Status>> = {
  upcoming: weighted<Status>([
    ['APPLIED', 55],
    ['ACCEPTED', 35],
    ['WITHDRAWN', 10],
  ]),
  running: weighted<Status>([
    ['APPLIED', 10],
    ['ACCEPTED', 8],
    ['ACTIVE', 65],
    ['COMPLETED', 5],
    ['WITHDRAWN', 12],
  ]),
  // Applications are closed: nobody is left waiting.
  runningClosed: weighted<Status>([
    ['ACCEPTED', 5],
    ['ACTIVE', 72],
    ['COMPLETED', 8],
    ['WITHDRAWN', 15],
  ]),
  ended: weighted<Status>([
    ['COMPLETED', 84],
    ['WITHDRAWN', 16],
  ]),
};

const ACCEPTED: ReadonlySet<Status> = new Set(['ACCEPTED', 'ACTIVE', 'COMPLETED']);

// People log round numbers: an evening, a shift, half a day.
const HOURS = weighted([
  [0.5, 2],
  [1, 6],
  [1.5, 5],
  [2, 18],
  [2.5, 7],
  [3, 19],
  [3.5, 4],
  [4, 18],
  [5, 8],
  [6, 8],
  [8, 5],
]);

/**
 * Decides, volunteer by volunteer and in id order, what becomes of each application: accepted
 * while the program has room (the first accepted and every tenth after lead a team), otherwise
 * waiting or withdrawn; active and completed participations get hour logs. The planner keeps one
 * counter per program, so memory stays bounded by the number of programs.
 */
export function createParticipationPlanner(
  seed: number,
  plans: ProgramPlans,
): (profile: VolunteerProfile) => VolunteerParticipation {
  const accepted = new Int32Array(plans.programs.length);

  return (profile) => {
    const random = createRandom(seed, STREAM.participation, profile.index);
    const result: VolunteerParticipation = { participations: [], hourLogs: [] };
    for (const { program, skillCode, appliedAtMs } of choosePrograms(
      seed,
      profile,
      plans.index,
      plans.history,
    )) {
      let status = random.pickWeighted(
        OUTCOMES[
          program.phase === 'running' && program.status === 'CLOSED'
            ? 'runningClosed'
            : program.phase
        ],
      );
      // Inactive and suspended volunteers are no longer in anything that still runs.
      if (profile.status !== 'ACTIVE' && program.phase !== 'ended') status = 'WITHDRAWN';
      if (ACCEPTED.has(status) && accepted[program.serial]! >= program.capacity) {
        status = program.status === 'OPEN' ? 'APPLIED' : 'WITHDRAWN';
      }

      // Keys name their agency (`SCD-<uuid>`), as the programs subgraph writes them.
      const id = `${program.agencyCode}-${random.uuid()}`;
      const appliedDay = Math.floor(appliedAtMs / DAY_MS);
      let joinedDay: number | null = null;
      let role: 'MEMBER' | 'TEAM_LEAD' = 'MEMBER';
      if (ACCEPTED.has(status)) {
        const rank = ++accepted[program.serial]!;
        if (rank % 10 === 1) role = 'TEAM_LEAD';
        // As the programs subgraph accepts: the participation starts within the program's
        // dates, on acceptance (days after applying) or on the first day if that is later.
        const acceptedDay = Math.min(appliedDay + random.int(0, 10), program.endDay, CUTOFF_DAY);
        joinedDay = Math.max(program.startDay, acceptedDay);
      }
      result.participations.push({
        id,
        volunteerId: profile.id,
        programId: program.id,
        role,
        status,
        skillCode,
        appliedAt: new Date(appliedAtMs),
        joinedOn: joinedDay === null ? null : dateOf(joinedDay),
      });
      if (joinedDay !== null && (status === 'ACTIVE' || status === 'COMPLETED')) {
        addHourLogs(random, result.hourLogs, id, program, joinedDay, status);
      }
    }
    return result;
  };
}

/**
 * Hour logs between the later of joining and the program's start and the earlier of its end
 * and the cutoff: about one session a week, most verified by an officer within days.
 */
function addHourLogs(
  random: Random,
  logs: HourLogRow[],
  participationId: string,
  program: ProgramPlan,
  joinedDay: number,
  status: Status,
): void {
  const from = Math.max(joinedDay, program.startDay);
  let until = Math.min(program.endDay, CUTOFF_DAY);
  // Completed before the program ended: the volunteer served part of it.
  if (status === 'COMPLETED' && program.phase !== 'ended') {
    until = from + Math.floor((until - from) * random.between(0.3, 0.9));
  }
  const weeks = (until - from + 1) / 7;
  const count = Math.min(60, Math.max(1, Math.round(weeks * random.between(0.55, 1.25))));
  // One log per day: the API caps a day at 24 hours, and distinct days keep that trivially true.
  const picked = new Set<number>();
  while (picked.size < Math.min(count, until - from + 1)) picked.add(random.int(from, until));
  const days = [...picked].sort((a, b) => a - b);
  for (const logDay of days) {
    // Logged that evening or the next day; verified at an office within days (Riyadh, UTC+3).
    const createdAtMs = Math.min(
      logDay * DAY_MS + random.int(14 * 3600, 40 * 3600) * 1000,
      CUTOFF_MS,
    );
    const verifiedDay = Math.floor(createdAtMs / DAY_MS) + random.int(1, 10);
    const verifiedAtMs = verifiedDay * DAY_MS + random.int(5 * 3600, 14 * 3600) * 1000;
    // Logs of the last days before the cutoff are still waiting for an officer.
    const verified = verifiedAtMs <= CUTOFF_MS && random.chance(0.86);
    const activity = random.pick(program.template.activities);
    logs.push({
      id: `${program.agencyCode}-${random.uuid()}`,
      participationId,
      date: dateOf(logDay),
      hours: random.pickWeighted(HOURS),
      // Volunteers write in Arabic mostly, some in English.
      activity: random.chance(0.7) ? activity.ar : activity.en,
      verified,
      verifiedBy: verified
        ? `${program.agencyCode}-officer-${String(program.officerBase + random.int(0, 2)).padStart(2, '0')}`
        : null,
      verifiedAt: verified ? new Date(verifiedAtMs) : null,
      createdAt: new Date(createdAtMs),
    });
  }
}
