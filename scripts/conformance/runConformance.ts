import {
  callerAudience,
  decodeSketch,
  estimateDistinct,
  instanceName,
  SKETCH_RELATIVE_ERROR,
  type SigningKey,
} from '@sahem/kit';
import { composeSupergraph } from '../../schema/composeSupergraph.ts';
import { instanceClient, type InstanceAnswer, type InstanceClient } from './instanceClient.ts';

/** What to check: an instance at `url` that says it holds `agencies`. */
export interface ConformanceOptions {
  url: string;
  agencies: readonly string[];
  /** Signs the caller tokens; the instance must verify them (its `SAHEM_GATEWAY_JWKS_URL`). */
  key: SigningKey;
  /** An agency the instance must not hold, for the refusals. @default one of the registry's */
  foreign: string;
  /** The period of the aggregates checked. @default this year */
  period?: string;
  /**
   * Create a program, a participation and an hour log of the first agency when the instance
   * has none to check with (they stay: use a test instance). @default false
   */
  create?: boolean;
}

/** The outcome of one check. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

class CheckFailure extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

/** The answer's data, or a failure quoting its first error. */
function dataOf(answer: InstanceAnswer, what: string) {
  check(answer.status === 200, `${what}: HTTP ${answer.status} (${answer.errors?.[0]?.message})`);
  check(!answer.errors?.length, `${what}: ${answer.errors?.[0]?.message}`);
  check(answer.data, `${what}: no data`);
  return answer.data;
}

const UUID_PART = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FOREIGN_UUID = '00000000-0000-4000-8000-00000000c0de';

/** The held agencies' records the checks use, found on the instance (or created). */
interface Records {
  programIds: string[];
  participationId: string;
  hourLogId: string | null;
  volunteerId: string;
}

interface Context {
  client: InstanceClient;
  held: readonly string[];
  foreign: string;
  period: string;
  audience: string;
  records?: Records;
  create: boolean;
}

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Program {
        id
      }
      ... on Participation {
        id
      }
      ... on Agency {
        code
      }
      ... on AgencyPeriod {
        agencyCode
        period
      }
      ... on RegionPeriod {
        regionCode
        period
      }
      ... on NationalPeriod {
        period
      }
      ... on Volunteer {
        id
      }
      ... on Region {
        code
      }
    }
  }
`;

async function entities(ctx: Context, representations: Record<string, unknown>[]) {
  const data = dataOf(await ctx.client.post(ENTITIES, { representations }), '_entities');
  const found = data._entities as (Record<string, unknown> | null)[];
  check(
    Array.isArray(found) && found.length === representations.length,
    `_entities answered ${found?.length} results for ${representations.length} representations`,
  );
  return found;
}

/** Resolving a batch: each key gives its entity back, in the order asked; unknown keys null. */
function entityCheck(
  type: string,
  batch: (ctx: Context) => { known: Record<string, unknown>[]; unknown?: Record<string, unknown> },
) {
  return async (ctx: Context) => {
    const { known, unknown } = batch(ctx);
    const asked = [...known, ...(unknown ? [unknown] : [])].map((key) => ({
      __typename: type,
      ...key,
    }));
    const found = await entities(ctx, asked);
    known.forEach((key, i) => {
      check(found[i], `${type} ${JSON.stringify(key)} resolved to null`);
      check(
        found[i]!.__typename === type,
        `${type} ${JSON.stringify(key)} came back a ${String(found[i]!.__typename)}`,
      );
      for (const [field, value] of Object.entries(key)) {
        check(
          found[i]![field] === value,
          `${type} #${i + 1} of the batch is ${JSON.stringify(found[i])}, not ${JSON.stringify(key)} (order kept?)`,
        );
      }
    });
    if (unknown)
      check(
        found.at(-1) === null,
        `${type} ${JSON.stringify(unknown)} (unknown) did not resolve to null`,
      );
    return `${known.length} in one batch${unknown ? ', an unknown key null' : ''}`;
  };
}

const needRecords = (ctx: Context): Records => {
  check(
    ctx.records,
    'needs a program with a participation of the held agencies (see "records to check with")',
  );
  return ctx.records;
};

/** A mutation of a foreign record must be refused with BAD_USER_INPUT naming `field`. */
function refusal(
  query: string,
  variables: (ctx: Context) => Record<string, unknown>,
  field: string,
) {
  return async (ctx: Context) => {
    const answer = await ctx.client.post(query, variables(ctx));
    const error = answer.errors?.[0];
    check(error, `accepted a record of ${ctx.foreign}: ${JSON.stringify(answer.data)}`);
    check(
      error.extensions?.code === 'BAD_USER_INPUT',
      `refused with ${String(error.extensions?.code)} ("${error.message}"), not BAD_USER_INPUT`,
    );
    check(
      error.extensions?.field === field,
      `the error names ${String(error.extensions?.field)}, not ${field}`,
    );
    const values = Object.values(answer.data ?? {});
    check(
      values.every((value) => value === null),
      `data came back: ${JSON.stringify(answer.data)}`,
    );
    return `BAD_USER_INPUT on ${field}: "${error.message}"`;
  };
}

const SKETCHED = /* GraphQL */ `
  activeVolunteers activeTeamLeads retainedVolunteers
  activeVolunteersSketch previousActiveVolunteersSketch activeTeamLeadsSketch
  coverage { included excluded }
  countAccuracy { exact relativeError }
`;

type Check = { name: string; run: (ctx: Context) => Promise<string> };

/** Every check, in order; the names are what the kit prints and what its tests look for. */
export const CHECKS: readonly Check[] = [
  {
    name: 'caller token: required (none → 401)',
    async run(ctx) {
      const answer = await ctx.client.post('{ __typename }', {}, { kind: 'none' });
      check(answer.status === 401, `answered HTTP ${answer.status} without a caller token`);
      return '401';
    },
  },
  {
    name: "caller token: another instance's audience → 401",
    async run(ctx) {
      const audience = callerAudience('programs', ctx.foreign);
      const answer = await ctx.client.post('{ __typename }', {}, { kind: 'audience', audience });
      check(answer.status === 401, `answered HTTP ${answer.status} to a token for ${audience}`);
      return `401 for ${audience}`;
    },
  },
  {
    name: 'caller token: minted for another body → 401',
    async run(ctx) {
      const answer = await ctx.client.post('{ __typename }', {}, { kind: 'other-body' });
      check(
        answer.status === 401,
        `answered HTTP ${answer.status} to a token bound to another body`,
      );
      return '401';
    },
  },
  {
    name: 'caller token: replayed → 401',
    async run(ctx) {
      const query = '{ __typename }';
      const token = await ctx.client.mint(JSON.stringify({ query, variables: {} }));
      const first = await ctx.client.post(query, {}, { kind: 'given', token });
      check(first.status === 200, `the first use answered HTTP ${first.status}`);
      const again = await ctx.client.post(query, {}, { kind: 'given', token });
      check(again.status === 401, `the same token again answered HTTP ${again.status}`);
      return `200, then 401`;
    },
  },
  {
    name: 'caller token: accepted for this instance',
    async run(ctx) {
      dataOf(await ctx.client.post('{ __typename }'), `a token for ${ctx.audience}`);
      return ctx.audience;
    },
  },
  {
    name: 'contract: _service { sdl } composes to the supergraph of subgraphs/programs/schema.graphql',
    async run(ctx) {
      const data = dataOf(await ctx.client.post('{ _service { sdl } }'), '_service');
      const served = composeSupergraph({ programs: data._service.sdl as string });
      check(
        served.ok,
        `the served SDL does not compose: ${served.ok ? '' : served.errors[0]?.message}`,
      );
      const contract = composeSupergraph();
      check(contract.ok, 'the repository contract does not compose');
      if (served.supergraphSdl !== contract.supergraphSdl) {
        const a = served.supergraphSdl.split('\n');
        const b = contract.supergraphSdl.split('\n');
        const at = a.findIndex((line, i) => line !== b[i]);
        throw new CheckFailure(
          `the supergraph differs from line ${at + 1}: served "${a[at]?.trim()}", contract "${b[at]?.trim()}"`,
        );
      }
      return 'same supergraph';
    },
  },
  {
    name: 'records to check with (programs, a participation, an hour log of the held agencies)',
    async run(ctx) {
      ctx.records = (await findRecords(ctx)) ?? (ctx.create ? await createRecords(ctx) : undefined);
      check(
        ctx.records,
        'no program with a participation: seed the instance, or run the kit with --create on a test instance',
      );
      return `${ctx.records.programIds.length} programs, participation ${ctx.records.participationId}`;
    },
  },
  {
    name: 'keys: every program, participation and hour-log id names a held agency',
    async run(ctx) {
      const records = needRecords(ctx);
      const owned = (id: string) => ctx.held.some((code) => id.startsWith(`${code}-`));
      for (const id of records.programIds) check(owned(id), `program ${id} names no held agency`);
      for (const id of [records.participationId, records.hourLogId].filter(Boolean) as string[]) {
        check(owned(id), `${id} names no held agency (<AGENCY>-<uuid>)`);
        check(
          UUID_PART.test(id.slice(id.indexOf('-') + 1)),
          `${id}: the part after the code is not a uuid`,
        );
      }
      return 'all prefixed';
    },
  },
  {
    name: 'entities: Program by key, in batches',
    run: entityCheck('Program', (ctx) => ({
      known: needRecords(ctx)
        .programIds.slice(0, 3)
        .map((id) => ({ id })),
      unknown: { id: `${ctx.held[0]}-99999` },
    })),
  },
  {
    name: 'entities: Participation by key, in batches',
    run: entityCheck('Participation', (ctx) => ({
      known: [{ id: needRecords(ctx).participationId }],
      unknown: { id: `${ctx.held[0]}-${FOREIGN_UUID}` },
    })),
  },
  {
    name: 'entities: Agency by key, in batches',
    run: entityCheck('Agency', (ctx) => ({
      known: ctx.held.map((code) => ({ code })),
      unknown: { code: 'NOSUCHCODE' },
    })),
  },
  {
    name: 'entities: AgencyPeriod by key, in batches',
    run: entityCheck('AgencyPeriod', (ctx) => ({
      known: ctx.held.flatMap((agencyCode) => [
        { agencyCode, period: ctx.period },
        { agencyCode, period: `${ctx.period}-Q1` },
      ]),
      unknown: { agencyCode: 'NOSUCHCODE', period: ctx.period },
    })),
  },
  {
    name: 'entities: RegionPeriod by key, in batches',
    run: entityCheck('RegionPeriod', (ctx) => ({
      known: ['SA-01', 'SA-14'].map((regionCode) => ({ regionCode, period: ctx.period })),
      unknown: { regionCode: 'SA-99', period: ctx.period },
    })),
  },
  {
    name: 'entities: NationalPeriod by key, in batches',
    run: entityCheck('NationalPeriod', (ctx) => ({
      known: [{ period: ctx.period }, { period: `${ctx.period}-07` }],
    })),
  },
  {
    name: 'entities: Volunteer by key, in batches',
    run: entityCheck('Volunteer', (ctx) => ({
      known: [{ id: needRecords(ctx).volunteerId }, { id: 'V-9999998' }],
    })),
  },
  {
    name: 'entities: Region by key, in batches',
    run: entityCheck('Region', () => ({ known: [{ code: 'SA-01' }, { code: 'SA-05' }] })),
  },
  {
    name: "foreign records: another agency's entities resolve to null",
    async run(ctx) {
      const keys = [
        { __typename: 'Program', id: `${ctx.foreign}-00001` },
        { __typename: 'Participation', id: `${ctx.foreign}-${FOREIGN_UUID}` },
        { __typename: 'Agency', code: ctx.foreign },
        { __typename: 'AgencyPeriod', agencyCode: ctx.foreign, period: ctx.period },
      ];
      const found = await entities(ctx, keys);
      found.forEach((entity, i) =>
        check(entity === null, `${JSON.stringify(keys[i])} resolved to ${JSON.stringify(entity)}`),
      );
      return `${keys.length} keys of ${ctx.foreign}, all null`;
    },
  },
  {
    name: 'foreign records: createProgram refused',
    run: refusal(
      `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      (ctx) => ({
        input: {
          agencyCode: ctx.foreign,
          title: { ar: 'فحص المطابقة', en: 'Conformance check' },
          description: { ar: 'يجب رفضه', en: 'Must be refused' },
          kind: 'PRACTICAL',
          regionCode: 'SA-01',
          startDate: `${ctx.period}-01-01`,
          endDate: `${ctx.period}-12-31`,
          capacity: 5,
        },
      }),
      'input.agencyCode',
    ),
  },
  {
    name: 'foreign records: updateProgram refused',
    run: refusal(
      `mutation ($id: ID!) { updateProgram(id: $id, input: { capacity: 7 }) { id } }`,
      (ctx) => ({ id: `${ctx.foreign}-00001` }),
      'id',
    ),
  },
  {
    name: 'foreign records: applyToProgram refused',
    run: refusal(
      `mutation ($input: ApplyToProgramInput!) { applyToProgram(input: $input) { id } }`,
      (ctx) => ({
        input: { volunteerId: 'V-9999997', programId: `${ctx.foreign}-00001`, skillCode: '2221' },
      }),
      'input.programId',
    ),
  },
  {
    name: 'foreign records: acceptParticipation refused',
    run: refusal(
      `mutation ($id: ID!) { acceptParticipation(id: $id) { id } }`,
      (ctx) => ({ id: `${ctx.foreign}-${FOREIGN_UUID}` }),
      'id',
    ),
  },
  {
    name: 'foreign records: withdrawParticipation refused',
    run: refusal(
      `mutation ($id: ID!) { withdrawParticipation(id: $id) { id } }`,
      (ctx) => ({ id: `${ctx.foreign}-${FOREIGN_UUID}` }),
      'id',
    ),
  },
  {
    name: 'foreign records: logHours refused',
    run: refusal(
      `mutation ($input: LogHoursInput!) { logHours(input: $input) { id } }`,
      (ctx) => ({
        input: {
          participationId: `${ctx.foreign}-${FOREIGN_UUID}`,
          date: `${ctx.period}-01-02`,
          hours: 1,
          activity: 'Conformance check',
        },
      }),
      'input.participationId',
    ),
  },
  {
    name: 'foreign records: verifyHours refused',
    run: refusal(
      `mutation ($id: ID!) { verifyHours(hourLogId: $id, verifiedBy: "conformance") { id } }`,
      (ctx) => ({ id: `${ctx.foreign}-${FOREIGN_UUID}` }),
      'hourLogId',
    ),
  },
  {
    name: 'merge shapes: lists name held agencies only',
    async run(ctx) {
      const data = dataOf(
        await ctx.client.post(
          `query ($period: String!) {
            agencies { code }
            agencyPeriods(period: $period) { agencyCode }
            nationalPeriod(period: $period) { agencies { agencyCode } }
          }`,
          { period: ctx.period },
        ),
        'agencies',
      );
      const lists = {
        agencies: data.agencies.map((a: { code: string }) => a.code),
        agencyPeriods: data.agencyPeriods.map((a: { agencyCode: string }) => a.agencyCode),
        'nationalPeriod.agencies': data.nationalPeriod.agencies.map(
          (a: { agencyCode: string }) => a.agencyCode,
        ),
      };
      for (const [list, codes] of Object.entries(lists)) {
        check(
          JSON.stringify(codes) === JSON.stringify([...ctx.held]),
          `${list} is ${JSON.stringify(codes)}, not the held agencies ${JSON.stringify(ctx.held)}`,
        );
      }
      return ctx.held.join(', ');
    },
  },
  {
    name: 'merge shapes: coverage lists the held agencies, counts are exact',
    async run(ctx) {
      const data = dataOf(
        await ctx.client.post(
          `query ($period: String!, $agency: ID!) {
            nationalPeriod(period: $period) { coverage { included excluded } countAccuracy { exact relativeError } }
            regionPeriod(regionCode: "SA-01", period: $period) { coverage { included excluded } countAccuracy { exact relativeError } }
            agencyPeriod(agencyCode: $agency, period: $period) { coverage { included excluded } countAccuracy { exact relativeError } }
          }`,
          { period: ctx.period, agency: ctx.held[0] },
        ),
        'coverage',
      );
      const expected = {
        nationalPeriod: [...ctx.held],
        regionPeriod: [...ctx.held],
        agencyPeriod: [ctx.held[0]],
      };
      for (const [field, included] of Object.entries(expected)) {
        const { coverage, countAccuracy } = data[field];
        check(
          JSON.stringify(coverage) === JSON.stringify({ included, excluded: [] }),
          `${field}.coverage is ${JSON.stringify(coverage)}, not ${JSON.stringify({ included, excluded: [] })}`,
        );
        check(
          countAccuracy.exact === true && countAccuracy.relativeError === 0,
          `${field}.countAccuracy is ${JSON.stringify(countAccuracy)}: one instance counts exactly`,
        );
      }
      return 'coverage and accuracy as an instance must state them';
    },
  },
  {
    name: 'merge shapes: sketches decode and estimate the counts they stand for',
    async run(ctx) {
      const data = dataOf(
        await ctx.client.post(
          `query ($period: String!) {
            nationalPeriod(period: $period) { ${SKETCHED} }
            regionPeriods(period: $period) { regionCode ${SKETCHED} }
          }`,
          { period: ctx.period },
        ),
        'sketches',
      );
      const scopes = [
        ['nationalPeriod', data.nationalPeriod],
        ...data.regionPeriods.map((r: { regionCode: string }) => [
          `regionPeriod ${r.regionCode}`,
          r,
        ]),
      ] as [string, Record<string, number & string>][];
      for (const [scope, figures] of scopes) {
        // All three must decode; the previous period's is checked by the gateway's retention.
        const [active, , leads] = [
          'activeVolunteersSketch',
          'previousActiveVolunteersSketch',
          'activeTeamLeadsSketch',
        ].map((field) => {
          try {
            return decodeSketch(figures[field]!);
          } catch (error) {
            throw new CheckFailure(
              `${scope}.${field} does not decode: ${(error as Error).message}`,
            );
          }
        });
        for (const [sketch, count, what] of [
          [active!, figures.activeVolunteers!, 'activeVolunteers'],
          [leads!, figures.activeTeamLeads!, 'activeTeamLeads'],
        ] as const) {
          const estimate = estimateDistinct(sketch);
          const bound = Math.max(1, Math.ceil(3 * SKETCH_RELATIVE_ERROR * count));
          check(
            Math.abs(estimate - count) <= bound,
            `${scope}: the sketch of ${what} estimates ${estimate}, the count is ${count}`,
          );
        }
      }
      return `${scopes.length} scopes, national active ${data.nationalPeriod.activeVolunteers}`;
    },
  },
  {
    name: 'merge shapes: programs page by id, totalCount matching',
    async run(ctx) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 200; page++) {
        const data = dataOf(
          await ctx.client.post(
            `query ($after: String) { programs(first: 5, after: $after) {
              totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          ),
          'programs',
        );
        const { totalCount, edges, pageInfo } = data.programs;
        total = totalCount;
        seen.push(...edges.map((edge: { node: { id: string } }) => edge.node.id));
        if (!pageInfo.hasNextPage) break;
        check(pageInfo.endCursor, 'hasNextPage without an endCursor');
        after = pageInfo.endCursor;
      }
      const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      check(new Set(seen).size === seen.length, 'a program came twice across pages');
      check(JSON.stringify(seen) === JSON.stringify(sorted), 'pages are not in id order');
      check(seen.length === total, `paged ${seen.length} programs, totalCount says ${total}`);
      return `${seen.length} programs in id order`;
    },
  },
];

const PROGRAMS = /* GraphQL */ `
  {
    programs(first: 100) {
      edges {
        node {
          id
          participations(first: 20) {
            edges {
              node {
                id
                volunteer {
                  id
                }
                hourLogs {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

async function findRecords(ctx: Context): Promise<Records | undefined> {
  const data = dataOf(await ctx.client.post(PROGRAMS), 'programs with participations');
  const programs = data.programs.edges.map((edge: { node: unknown }) => edge.node) as {
    id: string;
    participations: {
      edges: { node: { id: string; volunteer: { id: string }; hourLogs: { id: string }[] } }[];
    };
  }[];
  const participations = programs.flatMap((program) =>
    program.participations.edges.map((e) => e.node),
  );
  const chosen = participations.find((p) => p.hourLogs.length > 0) ?? participations[0];
  if (!chosen) return undefined;
  return {
    programIds: programs.map((program) => program.id),
    participationId: chosen.id,
    hourLogId: chosen.hourLogs[0]?.id ?? null,
    volunteerId: chosen.volunteer.id,
  };
}

/** A program of the first held agency, a volunteer's participation in it and a verified log. */
async function createRecords(ctx: Context): Promise<Records> {
  const today = new Date().toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  const agency = ctx.held[0]!;
  const created = dataOf(
    await ctx.client.post(
      `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      {
        input: {
          agencyCode: agency,
          title: { ar: 'برنامج فحص المطابقة', en: 'Conformance check program' },
          description: { ar: 'أنشأته أداة فحص المطابقة', en: 'Created by the conformance kit' },
          kind: 'PRACTICAL',
          regionCode: 'SA-01',
          startDate: `${year}-01-01`,
          endDate: `${year}-12-31`,
          capacity: 5,
          status: 'OPEN',
        },
      },
    ),
    'createProgram',
  );
  const programId = created.createProgram.id as string;
  const volunteerId = 'V-9999999';
  const applied = dataOf(
    await ctx.client.post(
      `mutation ($input: ApplyToProgramInput!) { applyToProgram(input: $input) { id } }`,
      { input: { volunteerId, programId, skillCode: '2221' } },
    ),
    'applyToProgram',
  );
  const participationId = applied.applyToProgram.id as string;
  dataOf(
    await ctx.client.post(
      `mutation ($id: ID!) { acceptParticipation(id: $id, joinedOn: "${year}-01-01") { id } }`,
      {
        id: participationId,
      },
    ),
    'acceptParticipation',
  );
  const logged = dataOf(
    await ctx.client.post(`mutation ($input: LogHoursInput!) { logHours(input: $input) { id } }`, {
      input: { participationId, date: today, hours: 2, activity: 'Conformance check' },
    }),
    'logHours',
  );
  const hourLogId = logged.logHours.id as string;
  dataOf(
    await ctx.client.post(
      `mutation ($id: ID!) { verifyHours(hourLogId: $id, verifiedBy: "conformance kit") { id } }`,
      {
        id: hourLogId,
      },
    ),
    'verifyHours',
  );
  return { programIds: [programId], participationId, hourLogId, volunteerId };
}

/**
 * Checks a programs instance from outside, over HTTP, as the gateway will use it: the caller
 * token, the composed contract, every entity type by key, refusal of other agencies' records,
 * and the fields the gateway merges. Every check runs; each result says what it saw.
 */
export async function runConformance(
  options: ConformanceOptions,
  onResult: (result: CheckResult) => void = () => undefined,
): Promise<CheckResult[]> {
  const held = [...new Set(options.agencies)].sort();
  const audience = callerAudience('programs', instanceName(held));
  const ctx: Context = {
    client: instanceClient(options.url, options.key, audience),
    held,
    foreign: options.foreign,
    period: options.period ?? String(new Date().getUTCFullYear()),
    audience,
    create: options.create ?? false,
  };
  const results: CheckResult[] = [];
  for (const { name, run } of CHECKS) {
    let result: CheckResult;
    try {
      result = { name, ok: true, detail: await run(ctx) };
    } catch (error) {
      result = { name, ok: false, detail: (error as Error).message };
    }
    results.push(result);
    onResult(result);
  }
  return results;
}
