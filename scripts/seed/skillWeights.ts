import type { VolunteeringKind } from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { weighted, type WeightedTable } from './createRandom.ts';

/**
 * How often volunteers declare each ISCO-08 code of the catalogue (inserted by the volunteers
 * migration `isco08_skills`; the seed only refers to it). Skills the agencies ask for are common
 * enough that most programs find matching volunteers.
 */
export const SKILLS_BY_FREQUENCY: WeightedTable<string> = weighted<string>([
  ['1120', 1],
  ['1213', 1],
  ['1344', 1.5],
  ['2142', 2],
  ['2151', 3],
  ['2211', 2.5],
  ['2221', 4],
  ['2240', 3],
  ['2310', 2],
  ['2341', 5],
  ['2411', 3],
  ['2421', 2],
  ['2512', 4],
  ['2611', 1.5],
  ['2634', 1.5],
  ['2635', 3],
  ['2643', 2.5],
  ['3221', 2],
  ['3258', 5],
  ['3412', 3],
  ['3422', 2],
  ['3512', 3],
  ['4110', 4],
  ['4222', 2.5],
  ['5321', 4],
  ['5411', 4],
  ['5414', 2],
  ['6111', 1],
  ['7115', 1.5],
  ['7126', 1.5],
  ['7411', 3],
  ['7413', 2.5],
  ['8322', 3.5],
  ['9112', 1],
  ['9313', 1.5],
  ['9412', 3],
  ['9621', 2],
]);

/**
 * The kinds of volunteering an occupation's major group (first digit) leans to: managers advise
 * and fund, professionals bring ideas and advice, trades work with their hands, elementary
 * occupations and protective services do field work.
 */
export const KINDS_BY_MAJOR_GROUP: Record<string, readonly VolunteeringKind[]> = {
  '1': ['ADVISORY', 'FINANCIAL', 'INTELLECTUAL'],
  '2': ['INTELLECTUAL', 'ADVISORY', 'PRACTICAL'],
  '3': ['PRACTICAL', 'PHYSICAL', 'ADVISORY'],
  '4': ['PRACTICAL', 'INTELLECTUAL'],
  '5': ['PHYSICAL', 'PRACTICAL'],
  '6': ['PRACTICAL', 'PHYSICAL'],
  '7': ['PRACTICAL', 'PHYSICAL'],
  '8': ['PHYSICAL', 'PRACTICAL'],
  '9': ['PHYSICAL', 'PRACTICAL'],
};

/** Every kind, in the order of the enum (kinds are stored in this order). */
export const KIND_ORDER: readonly VolunteeringKind[] = [
  'FINANCIAL',
  'INTELLECTUAL',
  'ADVISORY',
  'PRACTICAL',
  'PHYSICAL',
];
