import { withCheckDigit } from '../../subgraphs/volunteers/src/nationalId.ts';
import { createRandom, hashKeys, STREAM } from './createRandom.ts';
import {
  FEMALE_NAMES,
  MALE_NAMES,
  RESIDENT_FAMILIES,
  SAUDI_FAMILIES,
  type GivenName,
} from './personNames.ts';
import { REGION_PROFILES } from './regionProfiles.ts';
import type { VolunteerProfile } from './volunteerProfile.ts';

/** The personal data of a seeded volunteer; only the volunteers seeder needs it. */
export interface VolunteerIdentity {
  /** Arabic full name: given name, sometimes the father's, then the family name. */
  fullName: string;
  /** A valid national (1…) or resident (2…) id; stored only as a salted hash and last four. */
  nationalId: string;
  email: string;
  phone: string | null;
  /** Whether the person holds a resident id rather than a national one. */
  resident: boolean;
}

// Saudi mobile prefixes after 05: STC 0/3/5, Mobily 4/6, Zain 8/9.
const MOBILE_PREFIXES = ['0', '3', '4', '5', '6', '8', '9'] as const;
// Reserved for documentation (RFC 2606): seed data must never mail a real person.
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

/** The identity of `profile`'s volunteer, a pure function of the seed and the profile. */
export function volunteerIdentity(seed: number, profile: VolunteerProfile): VolunteerIdentity {
  const random = createRandom(seed, STREAM.identity, profile.index);
  const resident = random.chance(0.15);
  const region = REGION_PROFILES[profile.regionIndex]!;
  const given = random.pick(profile.gender === 'MALE' ? MALE_NAMES : FEMALE_NAMES);
  const family = resident
    ? random.pick(RESIDENT_FAMILIES)
    : random.chance(0.4)
      ? random.pick(region.families)
      : random.pick(SAUDI_FAMILIES);
  const father: GivenName | undefined = random.chance(0.3) ? random.pick(MALE_NAMES) : undefined;
  const fullName = [given.ar, father?.ar, family.ar].filter(Boolean).join(' ');

  // The volunteer's number makes the address unique; the names make it look like a person's.
  const email = `${latin(given.en)}.${latin(family.en)}${profile.index + 1}@${random.pick(EMAIL_DOMAINS)}`;
  const phone = random.chance(0.94)
    ? `+9665${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`
    : null;
  const nationalId = withCheckDigit(
    `${resident ? 2 : 1}${String(permute8(profile.index, seed)).padStart(8, '0')}`,
  );
  return { fullName, nationalId, email, phone, resident };
}

function latin(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * A bijection of [0, 10^8) keyed by the seed: a four-round Feistel network on two halves of
 * four decimal digits. Distinct volunteers get distinct eight-digit bodies, so national ids
 * (and their hashes, which must be unique) never collide, yet look random.
 */
function permute8(value: number, seed: number): number {
  let left = Math.floor(value / 10_000);
  let right = value % 10_000;
  for (let round = 0; round < 4; round++) {
    const mixed =
      (left + ((hashKeys([seed, STREAM.nationalId, round, right], 0) >>> 0) % 10_000)) % 10_000;
    left = right;
    right = mixed;
  }
  return left * 10_000 + right;
}
