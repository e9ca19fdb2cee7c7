import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequirements, type Requirement } from '../src/auth/requirements.ts';
import type { DemoIdentity } from '../src/auth/demoTokens.ts';
import { ROLE_SCOPES } from '@sahem/kit';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

// Every field and type the supergraph protects, tried by every role: a role that does not
// meet the directive never gets the value; a role that does is never refused by the gateway.
const requirements = readRequirements(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const P1 = fixture.participations[0]!.id;

type Template = { query: string; path: string[]; chain: string[] };
const read = (query: string, path: string[], chain: string[]): Template => ({ query, path, chain });
const mutation = (field: string, call: string): Template => ({
  query: `mutation { ${call} }`,
  path: [field],
  chain: [`Mutation.${field}`],
});

const TEMPLATES: Record<string, Template> = {
  'Query.volunteer': read(
    '{ volunteer(id: "V-0000001") { id } }',
    ['volunteer'],
    ['Query.volunteer', 'Volunteer'],
  ),
  Volunteer: read(
    '{ volunteer(id: "V-0000001") { id } }',
    ['volunteer'],
    ['Query.volunteer', 'Volunteer'],
  ),
  'Query.volunteers': read(
    '{ volunteers(first: 1) { totalCount } }',
    ['volunteers'],
    ['Query.volunteers'],
  ),
  'Query.volunteerCounts': read(
    '{ volunteerCounts(by: REGION) { key } }',
    ['volunteerCounts'],
    ['Query.volunteerCounts'],
  ),
  'Query.participation': read(
    `{ participation(id: "${P1}") { id } }`,
    ['participation'],
    ['Query.participation', 'Participation'],
  ),
  Participation: read(
    `{ participation(id: "${P1}") { id } }`,
    ['participation'],
    ['Query.participation', 'Participation'],
  ),
  HourLog: read(
    `{ participation(id: "${P1}") { hourLogs { hours } } }`,
    ['participation', 'hourLogs'],
    ['Query.participation', 'Participation', 'HourLog'],
  ),
  'Program.participations': read(
    '{ program(id: "SCD-00001") { participations(first: 5) { totalCount } } }',
    ['program', 'participations'],
    ['Program.participations'],
  ),
  'Program.teamLeads': read(
    '{ program(id: "SCD-00001") { teamLeads { id } } }',
    ['program', 'teamLeads'],
    ['Program.teamLeads', 'Participation'],
  ),
  'Program.economicValue': read(
    '{ program(id: "SCD-00001") { economicValue { sar } } }',
    ['program', 'economicValue'],
    ['Program.economicValue'],
  ),
  AgencyPeriod: read(
    '{ agency(code: "SCD") { period(period: "2026") { activeVolunteers } } }',
    ['agency', 'period'],
    ['AgencyPeriod'],
  ),
  RegionPeriod: read(
    '{ regionPeriod(regionCode: "SA-01", period: "2026") { activeVolunteers } }',
    ['regionPeriod'],
    ['RegionPeriod'],
  ),
  NationalPeriod: read(
    '{ nationalPeriod(period: "2026") { activeVolunteers } }',
    ['nationalPeriod'],
    ['NationalPeriod'],
  ),
  ...Object.fromEntries(
    [
      'fullName',
      'email',
      'phone',
      'nationalIdMasked',
      'gender',
      'birthYear',
      'city',
      'registeredAt',
      'agencyCodes',
    ].map((field) => [
      `Volunteer.${field}`,
      read(
        `{ volunteer(id: "V-0000001") { ${field} } }`,
        ['volunteer', field],
        ['Query.volunteer', 'Volunteer', `Volunteer.${field}`],
      ),
    ]),
  ),
  'Volunteer.economicValue': read(
    '{ volunteer(id: "V-0000001") { economicValue { sar } } }',
    ['volunteer', 'economicValue'],
    ['Query.volunteer', 'Volunteer', 'Volunteer.economicValue'],
  ),
  // Mutations with input that fails validation: nothing is written whoever runs them.
  'Mutation.createProgram': mutation(
    'createProgram',
    'createProgram(input: { agencyCode: "SCD", title: { ar: "أ", en: "A" }, description: { ar: "أ", en: "A" }, kind: PRACTICAL, regionCode: "SA-01", startDate: "2026-05-01", endDate: "2026-04-01", capacity: 5 }) { id }',
  ),
  'Mutation.updateProgram': mutation(
    'updateProgram',
    'updateProgram(id: "SCD-00001", input: { capacity: 0 }) { id }',
  ),
  'Mutation.applyToProgram': mutation(
    'applyToProgram',
    'applyToProgram(input: { programId: "SCD-99999", volunteerId: "V-0000001", skillCode: "2221" }) { id }',
  ),
  'Mutation.acceptParticipation': mutation(
    'acceptParticipation',
    'acceptParticipation(id: "not-a-uuid") { id }',
  ),
  'Mutation.withdrawParticipation': mutation(
    'withdrawParticipation',
    'withdrawParticipation(id: "not-a-uuid") { id }',
  ),
  'Mutation.logHours': mutation(
    'logHours',
    `logHours(input: { participationId: "${P1}", date: "2026-01-10", hours: 0, activity: "x" }) { id }`,
  ),
  'Mutation.verifyHours': mutation(
    'verifyHours',
    'verifyHours(hourLogId: "not-a-uuid", verifiedBy: "x") { id }',
  ),
  'Mutation.registerVolunteer': mutation(
    'registerVolunteer',
    'registerVolunteer(input: { nationalId: "1", fullName: "x", gender: MALE, birthYear: 1990, regionCode: "SA-01", city: "x", email: "x", weeklyAvailabilityHours: 1, kinds: [PRACTICAL], skillCodes: [] }) { id }',
  ),
  'Mutation.updateVolunteer': mutation(
    'updateVolunteer',
    'updateVolunteer(id: "V-0000001", input: { city: "" }) { id }',
  ),
  ProgramPeriod: read(
    '{ program(id: "SCD-00001") { period(period: "2026") { verifiedHours } } }',
    ['program', 'period'],
    ['ProgramPeriod'],
  ),
  'Query.programRanking': read(
    '{ programRanking(period: "2026", orderBy: VERIFIED_HOURS) { programId } }',
    ['programRanking'],
    ['Query.programRanking'],
  ),
  // An agency no instance holds: allowed callers reach the routing, and nothing is closed.
  'Mutation.closePeriod': mutation(
    'closePeriod',
    'closePeriod(agencyCode: "NOPE", period: "2026-Q1") { agencyCode }',
  ),
  'Mutation.changeVolunteerStatus': mutation(
    'changeVolunteerStatus',
    'changeVolunteerStatus(id: "V-9999999", status: ACTIVE) { id }',
  ),
};

const ROLES: Record<string, DemoIdentity | null> = {
  anonymous: null,
  volunteer: { role: 'volunteer', subject: 'V-0000001' },
  agency_officer: { role: 'agency_officer', subject: 'SCD-officer-01', agency: 'SCD' },
  analyst: { role: 'analyst', subject: 'analyst-01' },
  platform_admin: { role: 'platform_admin', subject: 'admin-01' },
};

/** The directive rule, written out independently of the gateway's implementation. */
function meets(requirement: Requirement, identity: DemoIdentity | null): boolean {
  const scopes: readonly string[] = identity ? ROLE_SCOPES[identity.role] : [];
  if (!identity) return !(requirement.authenticated || requirement.scopes || requirement.policies);
  const scoped =
    !requirement.scopes || requirement.scopes.some((all) => all.every((s) => scopes.includes(s)));
  const staff =
    identity.role === 'platform_admin' || (identity.role === 'agency_officer' && !!identity.agency);
  const policy =
    !requirement.policies ||
    requirement.policies.some((all) => all.every((p) => p === 'agency_staff' && staff));
  return scoped && policy;
}

const demanded = (coordinate: string) =>
  requirements.fields.get(coordinate) ?? requirements.types.get(coordinate);

let graph: Graph;
beforeAll(async () => {
  graph = await startGraph({ now: () => new Date('2026-06-30T12:00:00Z') });
  await loadFixture(graph);
});
afterAll(() => graph?.stop());

it('has a template for every field and type the supergraph protects', () => {
  const protectedCoordinates = [...requirements.fields.keys(), ...requirements.types.keys()].sort();
  expect(protectedCoordinates.filter((coordinate) => !TEMPLATES[coordinate])).toEqual([]);
  expect(protectedCoordinates.length).toBeGreaterThanOrEqual(25);
});

const cases = Object.keys(TEMPLATES).flatMap((coordinate) =>
  Object.keys(ROLES).map((role) => [coordinate, role] as const),
);

describe.each(cases)('%s as %s', (coordinate, role) => {
  it(
    meetsAll(coordinate, role) ? 'is not refused by the gateway' : 'is refused, and nothing leaks',
    async () => {
      const template = TEMPLATES[coordinate]!;
      const identity = ROLES[role]!;
      const authorization = identity ? `Bearer ${await graph.token(identity)}` : '';
      const result = await graph.query(template.query, undefined, { authorization });
      const gatewayRefusals = (result.errors ?? []).filter((error) =>
        /^Not authorized to/.test(error.message),
      );
      if (meetsAll(coordinate, role)) {
        expect(gatewayRefusals).toEqual([]);
      } else {
        // Refused by the gateway, or the record holding it refused as a whole by its subgraph
        // (an analyst asking for a volunteer's name gets no volunteer at all).
        const refusedAbove = (result.errors ?? []).some(
          (error) =>
            error.extensions?.code === 'FORBIDDEN' &&
            Array.isArray(error.path) &&
            template.path.join('.').startsWith(error.path.join('.')),
        );
        expect(gatewayRefusals.length > 0 || refusedAbove).toBe(true);
        expect(gatewayRefusals.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
        let value: unknown = result.data;
        for (const key of template.path)
          value = value && typeof value === 'object' ? (value as never)[key] : undefined;
        expect(value ?? null).toBeNull();
      }
    },
  );
});

function meetsAll(coordinate: string, role: string): boolean {
  const chain = TEMPLATES[coordinate]!.chain;
  return chain.every((link) => {
    const requirement = demanded(link);
    return !requirement || meets(requirement, ROLES[role]!);
  });
}
