import { expect } from 'vitest';
import type {
  HourLog,
  Participation,
  ParticipationRole,
  ParticipationStatus,
  Program,
  ProgramStatus,
  VolunteeringKind,
} from '../src/__generated__/prisma/client.ts';
import { newOwnedId } from '../src/agencies/ownedId.ts';
import type { ProgramsSubgraph } from './programsSubgraph.ts';

type Subgraph = Pick<ProgramsSubgraph, 'db' | 'run'>;

/** A calendar day as the database stores it: UTC midnight. */
export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** The `YYYY-MM-DD` text of a stored day. */
export const iso = (date: Date) => date.toISOString().slice(0, 10);

let agenciesMade = 0;
let programsMade = 0;
let volunteersMade = 0;

/** A volunteer id nobody else in the run has. */
export const aVolunteerId = () => `V-${String(++volunteersMade).padStart(7, '0')}`;

/** Adds an agency (with a code of its own unless given) and returns its code. */
export async function anAgency(subgraph: Subgraph, code = `T${++agenciesMade}`): Promise<string> {
  await subgraph.db.prisma.agency.create({
    data: { code, nameAr: `جهة ${code}`, nameEn: `Agency ${code}`, sector: 'Public safety' },
  });
  return code;
}

/** The agency of fixture programs that do not name one. */
const FIXTURE_AGENCY = 'FIX';

export interface ProgramSpec {
  id: string;
  agencyCode: string;
  regionCode: string;
  kind: VolunteeringKind;
  startDate: string;
  endDate: string;
  capacity: number;
  status: ProgramStatus;
  beneficiariesServed: number;
  requiredSkills: string[];
}

/** Stores a program (an OPEN one running through 2026 unless `spec` says otherwise). */
export async function aProgram(
  subgraph: Subgraph,
  spec: Partial<ProgramSpec> = {},
): Promise<Program> {
  const agencyCode = spec.agencyCode ?? FIXTURE_AGENCY;
  await subgraph.db.prisma.agency.upsert({
    where: { code: agencyCode },
    create: { code: agencyCode, nameAr: 'جهة', nameEn: `Agency ${agencyCode}`, sector: 'Fixtures' },
    update: {},
  });
  return subgraph.db.prisma.program.create({
    data: {
      id: spec.id ?? `${agencyCode}-${50_000 + ++programsMade}`,
      agencyCode,
      titleAr: 'برنامج',
      titleEn: 'A program',
      descriptionAr: 'وصف',
      descriptionEn: 'A description',
      kind: spec.kind ?? 'PRACTICAL',
      regionCode: spec.regionCode ?? 'SA-01',
      startDate: day(spec.startDate ?? '2026-01-01'),
      endDate: day(spec.endDate ?? '2026-12-31'),
      capacity: spec.capacity ?? 10,
      requiredSkills: spec.requiredSkills ?? [],
      status: spec.status ?? 'OPEN',
      beneficiariesServed: spec.beneficiariesServed ?? 0,
    },
  });
}

export interface ParticipationSpec {
  /** @default a fresh id of the program's agency (`SCD-<uuid>`) */
  id: string;
  volunteerId: string;
  status: ParticipationStatus;
  role: ParticipationRole;
  skillCode: string;
  /** Defaults to the program's start once the application is accepted. */
  joinedOn: string | null;
  appliedAt: Date;
}

const JOINED: ParticipationStatus[] = ['ACCEPTED', 'ACTIVE', 'COMPLETED'];

/** Stores a participation in `program` (a fresh volunteer's application unless `spec` says otherwise). */
export async function aParticipation(
  subgraph: Subgraph,
  program: Program,
  spec: Partial<ParticipationSpec> = {},
): Promise<Participation> {
  const status = spec.status ?? 'APPLIED';
  const joinedOn =
    spec.joinedOn !== undefined
      ? spec.joinedOn && day(spec.joinedOn)
      : JOINED.includes(status)
        ? program.startDate
        : null;
  return subgraph.db.prisma.participation.create({
    data: {
      id: spec.id ?? newOwnedId(program.agencyCode),
      volunteerId: spec.volunteerId ?? aVolunteerId(),
      programId: program.id,
      status,
      role: spec.role ?? 'MEMBER',
      skillCode: spec.skillCode ?? '2221',
      joinedOn,
      ...(spec.appliedAt && { appliedAt: spec.appliedAt }),
    },
  });
}

export interface HourLogSpec {
  date: string;
  hours: number;
  verified: boolean;
  activity: string;
}

/** Stores an hour log of `participation` (two unverified hours on 1 March 2026 by default). */
export async function anHourLog(
  subgraph: Subgraph,
  participation: Participation,
  spec: Partial<HourLogSpec> = {},
): Promise<HourLog> {
  const verified = spec.verified ?? false;
  return subgraph.db.prisma.hourLog.create({
    data: {
      // The participation's agency, as the programs subgraph names every hour log.
      id: newOwnedId(participation.id.slice(0, participation.id.indexOf('-'))),
      participationId: participation.id,
      date: day(spec.date ?? '2026-03-01'),
      hours: spec.hours ?? 2,
      activity: spec.activity ?? 'Field work',
      verified,
      ...(verified && {
        verifiedBy: 'officer@example.sa',
        verifiedAt: new Date('2026-06-01T08:00:00Z'),
      }),
    },
  });
}

const PROGRAM_FIELDS = /* GraphQL */ `
  fragment ProgramFields on Program {
    id
    agency {
      code
    }
    title {
      ar
      en
    }
    description {
      ar
      en
    }
    kind
    region {
      code
    }
    startDate
    endDate
    capacity
    requiredSkills {
      code
    }
    status
    beneficiariesServed
  }
`;

export const PROGRAM = /* GraphQL */ `
  query Program($id: ID!) {
    program(id: $id) {
      ...ProgramFields
    }
  }
  ${PROGRAM_FIELDS}
`;

export const CREATE_PROGRAM = /* GraphQL */ `
  mutation CreateProgram($input: CreateProgramInput!) {
    createProgram(input: $input) {
      ...ProgramFields
    }
  }
  ${PROGRAM_FIELDS}
`;

export const UPDATE_PROGRAM = /* GraphQL */ `
  mutation UpdateProgram($id: ID!, $input: UpdateProgramInput!) {
    updateProgram(id: $id, input: $input) {
      ...ProgramFields
    }
  }
  ${PROGRAM_FIELDS}
`;

const PARTICIPATION_FIELDS = /* GraphQL */ `
  fragment ParticipationFields on Participation {
    id
    volunteer {
      id
    }
    program {
      id
    }
    role
    status
    skill {
      code
    }
    joinedOn
  }
`;

export const PARTICIPATION = /* GraphQL */ `
  query Participation($id: ID!) {
    participation(id: $id) {
      ...ParticipationFields
    }
  }
  ${PARTICIPATION_FIELDS}
`;

export const APPLY = /* GraphQL */ `
  mutation Apply($input: ApplyToProgramInput!) {
    applyToProgram(input: $input) {
      ...ParticipationFields
      appliedAt
    }
  }
  ${PARTICIPATION_FIELDS}
`;

export const ACCEPT = /* GraphQL */ `
  mutation Accept($id: ID!, $role: ParticipationRole, $joinedOn: Date) {
    acceptParticipation(id: $id, role: $role, joinedOn: $joinedOn) {
      ...ParticipationFields
    }
  }
  ${PARTICIPATION_FIELDS}
`;

export const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($id: ID!) {
    withdrawParticipation(id: $id) {
      ...ParticipationFields
    }
  }
  ${PARTICIPATION_FIELDS}
`;

const HOUR_LOG_FIELDS = /* GraphQL */ `
  fragment HourLogFields on HourLog {
    id
    date
    hours
    activity
    verified
    verifiedBy
    verifiedAt
  }
`;

export const LOG_HOURS = /* GraphQL */ `
  mutation LogHours($input: LogHoursInput!) {
    logHours(input: $input) {
      ...HourLogFields
    }
  }
  ${HOUR_LOG_FIELDS}
`;

export const VERIFY_HOURS = /* GraphQL */ `
  mutation VerifyHours($hourLogId: ID!, $verifiedBy: String!) {
    verifyHours(hourLogId: $hourLogId, verifiedBy: $verifiedBy) {
      ...HourLogFields
    }
  }
  ${HOUR_LOG_FIELDS}
`;

/** A program as {@link PROGRAM_FIELDS} shows it. */
export interface ProgramView {
  id: string;
  agency: { code: string };
  title: { ar: string; en: string };
  description: { ar: string; en: string };
  kind: VolunteeringKind;
  region: { code: string };
  startDate: string;
  endDate: string;
  capacity: number;
  requiredSkills: { code: string }[];
  status: ProgramStatus;
  beneficiariesServed: number;
}

/** How the API shows a stored program. */
export const programView = (program: Program): ProgramView => ({
  id: program.id,
  agency: { code: program.agencyCode },
  title: { ar: program.titleAr, en: program.titleEn },
  description: { ar: program.descriptionAr, en: program.descriptionEn },
  kind: program.kind,
  region: { code: program.regionCode },
  startDate: iso(program.startDate),
  endDate: iso(program.endDate),
  capacity: program.capacity,
  requiredSkills: program.requiredSkills.map((code) => ({ code })),
  status: program.status,
  beneficiariesServed: program.beneficiariesServed,
});

/** A participation as the participation operations above show it. */
export interface ParticipationView {
  id: string;
  volunteer: { id: string };
  program: { id: string };
  role: ParticipationRole;
  status: ParticipationStatus;
  skill: { code: string };
  joinedOn: string | null;
}

/** How the API shows a stored participation. */
export const participationView = (participation: Participation): ParticipationView => ({
  id: participation.id,
  volunteer: { id: participation.volunteerId },
  program: { id: participation.programId },
  role: participation.role,
  status: participation.status,
  skill: { code: participation.skillCode },
  joinedOn: participation.joinedOn && iso(participation.joinedOn),
});

/** `CreateProgramInput` as a client sends it (dates as text). */
export interface ProgramInput {
  id?: string | null;
  agencyCode: string;
  title: { ar: string; en: string };
  description: { ar: string; en: string };
  kind: VolunteeringKind;
  regionCode: string;
  startDate: string;
  endDate: string;
  capacity: number;
  requiredSkillCodes?: string[];
  status?: ProgramStatus;
}

/** A valid createProgram input for `agencyCode`; `overrides` set what a test is about. */
export function aProgramInput(
  agencyCode: string,
  overrides: Partial<ProgramInput> = {},
): ProgramInput {
  return {
    agencyCode,
    title: { ar: 'إسعاف أولي', en: 'First aid' },
    description: { ar: 'تدريب على الإسعافات', en: 'First aid training for neighbourhoods' },
    kind: 'PRACTICAL',
    regionCode: 'SA-04',
    startDate: '2026-03-01',
    endDate: '2026-09-30',
    capacity: 25,
    requiredSkillCodes: ['2221', '3258'],
    ...overrides,
  };
}

/** Runs `query` and returns the data of its only root field; any error fails the test. */
export async function succeed<T>(
  subgraph: Pick<ProgramsSubgraph, 'run'>,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const result = await subgraph.run(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as T;
}
