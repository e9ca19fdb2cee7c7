import { hashNationalId } from '../../subgraphs/volunteers/src/nationalId.ts';
import type { VolunteerRow } from './copyVolunteers.ts';
import type { VolunteerSkillRow } from './copyVolunteerSkills.ts';
import { volunteerIdentity } from './volunteerIdentity.ts';
import { volunteerProfile } from './volunteerProfile.ts';

/** Consecutive volunteers and their skills, as the volunteers seeder writes them together. */
export interface VolunteerChunk {
  volunteers: VolunteerRow[];
  skills: VolunteerSkillRow[];
  /** Volunteers generated so far, this chunk included. */
  done: number;
}

/**
 * The rows of the volunteers database for `total` volunteers, `chunk` volunteers at a time, ids
 * `V-0000001`… in registration order: only one chunk is held at a time, whatever the total.
 */
export function* generateVolunteers(options: {
  seed: number;
  total: number;
  nationalIdSalt: string;
  chunk: number;
}): Generator<VolunteerChunk> {
  const { seed, total, nationalIdSalt, chunk } = options;
  for (let start = 0; start < total; start += chunk) {
    const volunteers: VolunteerRow[] = [];
    const skills: VolunteerSkillRow[] = [];
    const end = Math.min(start + chunk, total);
    for (let index = start; index < end; index++) {
      const profile = volunteerProfile(seed, index, total);
      const identity = volunteerIdentity(seed, profile);
      const registeredAt = new Date(profile.registeredAtMs);
      volunteers.push({
        id: profile.id,
        fullName: identity.fullName,
        nationalIdHash: hashNationalId(identity.nationalId, nationalIdSalt),
        nationalIdLast4: identity.nationalId.slice(-4),
        gender: profile.gender,
        birthYear: profile.birthYear,
        regionCode: profile.regionCode,
        city: profile.city,
        email: identity.email,
        phone: identity.phone,
        weeklyAvailabilityHours: profile.weeklyAvailabilityHours,
        kinds: profile.kinds,
        status: profile.status,
        registeredAt,
        updatedAt: registeredAt,
      });
      for (const skillCode of profile.skills) skills.push({ volunteerId: profile.id, skillCode });
    }
    yield { volunteers, skills, done: end };
  }
}
