import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeSketch, estimateUnion, sketchOf, SKETCH_RELATIVE_ERROR } from '@sahem/kit';
import { mergeField, mergeObject } from '../src/agencies/mergeAnswers.ts';
import { prepareFanOut } from '../src/agencies/prepareFanOut.ts';
import { mergeContext, model } from './support/mergeContext.ts';

const context = mergeContext;

/** The root field of `query`, as the merge sees it, and what instances are sent for it. */
function rootField(query: string) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const prepared = prepareFanOut(
    { kind: Kind.SELECTION_SET, selections: [field] },
    'Query',
    model,
    new Map(),
  ).selections[0] as FieldNode;
  return { field, prepared };
}

const KEY = 'merge-test';
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `V-${from + i}`);
const sketch = (from: number, to: number) => encodeSketch(sketchOf(ids(from, to), KEY));

describe('merge rules', () => {
  it.each<[string, string, unknown[], unknown]>([
    [
      'concat in order of the key (agencies by code)',
      '{ agencies { code } }',
      [
        [{ code: 'SEC', sahem__order0: 'SEC' }],
        [
          { code: 'HRSD', sahem__order0: 'HRSD' },
          { code: 'SRCA', sahem__order0: 'SRCA' },
        ],
      ],
      [{ code: 'HRSD' }, { code: 'SEC' }, { code: 'SRCA' }],
    ],
    [
      'concat of what answered, an instance that did not answer left out',
      '{ agencies { code } }',
      [[{ code: 'SCD', sahem__order0: 'SCD' }], undefined],
      [{ code: 'SCD' }],
    ],
    [
      'sum of hours, to the microhour',
      '{ nationalPeriod(period: "2026") { verifiedHours } }',
      [{ verifiedHours: 0.1 }, { verifiedHours: 0.2 }],
      { verifiedHours: 0.3 },
    ],
    [
      'keyed hours by skill, summed per skill, in key order',
      '{ nationalPeriod(period: "2026") { verifiedHoursBySkill { skillCode hours } } }',
      [
        {
          verifiedHoursBySkill: [
            { skillCode: '5411', hours: 2, sahem__key: '5411' },
            { skillCode: '2221', hours: 1, sahem__key: '2221' },
          ],
        },
        { verifiedHoursBySkill: [{ skillCode: '2221', hours: 4, sahem__key: '2221' }] },
      ],
      {
        verifiedHoursBySkill: [
          { skillCode: '2221', hours: 5 },
          { skillCode: '5411', hours: 2 },
        ],
      },
    ],
    [
      'any, where every instance answers the same',
      '{ nationalPeriod(period: "2026") { period } }',
      [{ period: '2026' }, { period: '2026' }],
      { period: '2026' },
    ],
    [
      'coverage: who answered, and who did not',
      '{ nationalPeriod(period: "2026") { coverage { included excluded } } }',
      [
        { coverage: { included: ['SCD'], excluded: [] } },
        { coverage: { included: ['SEC'], excluded: [] } },
      ],
      { coverage: { included: ['SCD', 'SEC'], excluded: ['SRCA'] } },
    ],
  ])('%s', (_, query, values, expected) => {
    const { field } = rootField(query);
    expect(mergeField('Query', field, values, context({ excluded: ['SRCA'] }))).toEqual(expected);
  });

  it.each([
    [
      'two agencies with 3,000 and 3,000 active volunteers, 1,000 in both',
      [0, 3_000],
      [2_000, 5_000],
      5_000,
    ],
    ['two agencies with nobody in common', [0, 1_000], [1_000, 1_500], 1_500],
  ])('distinct: %s count once each, within the stated error', (_, a, b, expected) => {
    const { field } = rootField(
      '{ nationalPeriod(period: "2026") { activeVolunteers countAccuracy { exact relativeError } } }',
    );
    const merged = mergeField(
      'Query',
      field,
      [
        { activeVolunteers: a[1]! - a[0]!, sahem__sk_activeVolunteersSketch: sketch(a[0]!, a[1]!) },
        { activeVolunteers: b[1]! - b[0]!, sahem__sk_activeVolunteersSketch: sketch(b[0]!, b[1]!) },
      ],
      context(),
    ) as { activeVolunteers: number; countAccuracy: unknown };
    expect(Math.abs(merged.activeVolunteers - expected)).toBeLessThanOrEqual(
      expected * 3 * SKETCH_RELATIVE_ERROR,
    );
    expect(merged.countAccuracy).toEqual({ exact: false, relativeError: SKETCH_RELATIVE_ERROR });
  });

  it('distinct: one instance with members is counted exactly, by its own count', () => {
    const { field } = rootField(
      '{ nationalPeriod(period: "2026") { activeVolunteers countAccuracy { exact relativeError } } }',
    );
    const merged = mergeField(
      'Query',
      field,
      [
        { activeVolunteers: 7, sahem__sk_activeVolunteersSketch: sketch(0, 7) },
        { activeVolunteers: 0, sahem__sk_activeVolunteersSketch: 'hll1:' },
      ],
      context(),
    );
    expect(merged).toEqual({
      activeVolunteers: 7,
      countAccuracy: { exact: true, relativeError: 0 },
    });
  });

  it.each([
    // The same three women volunteer in both agencies: three nationally, suppressed, and the
    // smaller other cell (UNKNOWN, 8) with them, so the national total does not reveal them.
    ['the same volunteers in both agencies', 0, 3, ['FEMALE', 'UNKNOWN']],
    // Three in each, six people: a national cell of 6 made of two agencies' 3 stands.
    ['different volunteers', 3, 6, []],
  ])('cells: merged by key, then small cells suppressed (%s)', (_, secFrom, women, hidden) => {
    const { field, prepared } = rootField(
      '{ nationalPeriod(period: "2026") { breakdown(by: [GENDER]) { gender activeVolunteers verifiedHours suppressed } } }',
    );
    const cell = (key: string, ids: [number, number], hours: number) => ({
      gender: key,
      activeVolunteers: ids[1] - ids[0],
      verifiedHours: hours,
      suppressed: false,
      sahem__key: `GENDER=${key}`,
      sahem__count: ids[1] - ids[0],
      sahem__sk_activeVolunteersSketch: sketch(...ids),
    });
    const merged = mergeField(
      'Query',
      field,
      [
        { breakdown: [cell('FEMALE', [0, 3], 6), cell('MALE', [10, 20], 20)] },
        { breakdown: [cell('FEMALE', [secFrom, secFrom + 3], 4), cell('UNKNOWN', [30, 38], 8)] },
      ],
      context(),
    ) as { breakdown: { gender: string; suppressed: boolean }[] };
    const figures = (gender: string, volunteers: number, hours: number) =>
      hidden.includes(gender)
        ? { gender, activeVolunteers: null, verifiedHours: null, suppressed: true }
        : { gender, activeVolunteers: volunteers, verifiedHours: hours, suppressed: false };
    expect(merged.breakdown).toEqual([
      figures('FEMALE', women, 10),
      figures('MALE', 10, 20),
      figures('UNKNOWN', 8, 8),
    ]);
    // What the instances are asked for suppression, whatever the caller selected.
    const cells = prepared.selectionSet!.selections.find(
      (selection) => (selection as FieldNode).name.value === 'breakdown',
    ) as FieldNode;
    expect(
      cells.selectionSet!.selections.map((selection) => (selection as FieldNode).alias?.value),
    ).toEqual(
      expect.arrayContaining(['sahem__key', 'sahem__count', 'sahem__sk_activeVolunteersSketch']),
    );
  });

  it('intersection: volunteers retained across agencies (active before in one, now in another)', () => {
    const { field } = rootField('{ nationalPeriod(period: "2026") { retainedVolunteers } }');
    const merged = mergeField(
      'Query',
      field,
      [
        // SCD: active now 0–2,000; before 0–1,000. SEC: active now 2,000–3,000; before 2,500–4,000.
        {
          retainedVolunteers: 1_000,
          sahem__sk_activeVolunteersSketch: sketch(0, 2_000),
          sahem__sk_previousActiveVolunteersSketch: sketch(0, 1_000),
        },
        {
          retainedVolunteers: 500,
          sahem__sk_activeVolunteersSketch: sketch(2_000, 3_000),
          sahem__sk_previousActiveVolunteersSketch: sketch(2_500, 4_000),
        },
      ],
      context(),
    ) as { retainedVolunteers: number };
    expect(Math.abs(merged.retainedVolunteers - 1_500)).toBeLessThanOrEqual(100);
    // Exactly inclusion–exclusion over every instance's sketches.
    const [active, previous] = [
      [sketchOf(ids(0, 2_000), KEY), sketchOf(ids(2_000, 3_000), KEY)],
      [sketchOf(ids(0, 1_000), KEY), sketchOf(ids(2_500, 4_000), KEY)],
    ];
    expect(merged.retainedVolunteers).toBe(
      estimateUnion(active) + estimateUnion(previous) - estimateUnion([...active, ...previous]),
    );
  });

  it('connection: the first page of all instances, in id order, totals summed', () => {
    const cursor = (id: string) => Buffer.from(`k:${id}`).toString('base64url');
    const edge = (id: string) => ({ node: { id }, sahem__cursor: cursor(id) });
    const { field, prepared } = rootField(
      '{ programs(first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(JSON.stringify(prepared)).toContain('sahem__cursor');
    const merged = mergeField(
      'Query',
      field,
      [
        {
          totalCount: 3,
          edges: [edge('SCD-00001'), edge('SCD-00002'), edge('SCD-00003')],
          sahem__page: { hasNextPage: false },
        },
        {
          totalCount: 2,
          edges: [edge('HRSD-00001'), edge('SEC-00001')],
          sahem__page: { hasNextPage: false },
        },
      ],
      context(),
    );
    expect(merged).toEqual({
      totalCount: 5,
      edges: [
        { node: { id: 'HRSD-00001' } },
        { node: { id: 'SCD-00001' } },
        { node: { id: 'SCD-00002' } },
      ],
      pageInfo: { hasNextPage: true, endCursor: cursor('SCD-00002') },
    });
  });

  it('object: fields merged each by its own rule, internal keys never in the answer', () => {
    const selection = parse('{ x { id verifiedHours agencyCodes participations { id } } }');
    const field = (
      (selection.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode
    ).selectionSet;
    const merged = mergeObject(
      'Volunteer',
      field,
      [
        {
          id: 'V-1',
          verifiedHours: 2,
          agencyCodes: ['SCD'],
          participations: [{ id: 'SCD-b', sahem__order0: '2026-02', sahem__order1: 'SCD-b' }],
        },
        {
          id: 'V-1',
          verifiedHours: 3,
          agencyCodes: ['SEC'],
          participations: [{ id: 'SEC-a', sahem__order0: '2026-03', sahem__order1: 'SEC-a' }],
        },
      ],
      context(),
    );
    expect(merged).toEqual({
      id: 'V-1',
      verifiedHours: 5,
      agencyCodes: ['SCD', 'SEC'],
      participations: [{ id: 'SEC-a' }, { id: 'SCD-b' }],
    });
  });

  it('reports a sketch that does not decode, and counts without it', () => {
    const reports: string[] = [];
    const { field } = rootField('{ nationalPeriod(period: "2026") { activeVolunteers } }');
    mergeField(
      'Query',
      field,
      [
        { activeVolunteers: 1, sahem__sk_activeVolunteersSketch: 'not a sketch' },
        { activeVolunteers: 2, sahem__sk_activeVolunteersSketch: sketch(0, 2) },
      ],
      context({ invalid: (message) => void reports.push(message) }),
    );
    expect(reports.join()).toMatch(/does not decode/);
  });
});

describe('the top rule (league tables)', () => {
  const row = (programId: string, value: number) => ({
    programId,
    value,
    sahem__order0: value,
    sahem__order1: programId,
  });
  it.each<[string, string, unknown[], unknown]>([
    [
      'the first `first` of every instance together, highest first, numbers compared as numbers',
      '{ programRanking(period: "2026", orderBy: VERIFIED_HOURS, first: 3) { programId value } }',
      [
        [row('SCD-00001', 9), row('SCD-00002', 2)],
        [row('SEC-00001', 10), row('SEC-00002', 9), row('SEC-00003', 1)],
      ],
      [
        { programId: 'SEC-00001', value: 10 },
        { programId: 'SCD-00001', value: 9 },
        { programId: 'SEC-00002', value: 9 },
      ],
    ],
    [
      'the default `first` (10) when none is given, every row when fewer',
      '{ programRanking(period: "2026", orderBy: BENEFICIARIES) { programId } }',
      [[row('SRCA-00001', 0.5)], [row('HRSD-00001', 100)], []],
      [{ programId: 'HRSD-00001' }, { programId: 'SRCA-00001' }],
    ],
    [
      'an instance that did not answer left out',
      '{ programRanking(period: "2026", orderBy: ACTIVE_VOLUNTEERS, first: 1) { value } }',
      [undefined, [row('SEC-00007', 4), row('SEC-00001', 4)]],
      [{ value: 4 }],
    ],
    [
      'the order kept where an instance asked for 0 rows',
      '{ programRanking(period: "2026", orderBy: ACTIVE_VOLUNTEERS, first: 0) { value } }',
      [[row('SEC-00007', 4)], []],
      [],
    ],
  ])('%s', (_, query, values, expected) => {
    const { field, prepared } = rootField(query);
    // The instances are asked for the sort keys the merge orders by.
    const aliases = prepared.selectionSet!.selections.map((s) => (s as FieldNode).alias?.value);
    expect(aliases).toEqual(expect.arrayContaining(['sahem__order0', 'sahem__order1']));
    expect(mergeField('Query', field, values, context())).toEqual(expected);
  });
});

it('merges the selections of one response key, as the planner writes them beside a fragment', () => {
  const { field } = rootField(
    '{ programRanking(period: "2026", orderBy: VERIFIED_HOURS) { ... on ProgramStanding { figures { verifiedHours } } figures { programId } } }',
  );
  const figures = { verifiedHours: 2, programId: 'SCD-00001', __typename: 'ProgramPeriod' };
  expect(
    mergeField(
      'Query',
      field,
      [[{ figures, sahem__order0: 2, sahem__order1: 'SCD-00001' }]],
      context(),
    ),
  ).toEqual([{ figures: { verifiedHours: 2, programId: 'SCD-00001' } }]);
});

describe('the min and median rules (verification backlog)', () => {
  const BACKLOG =
    '{ nationalPeriod(period: "2026") { verificationBacklog { unverifiedLogs oldestPendingDate medianDaysToVerify } } }';
  const buckets = (...pairs: [number, number][]) =>
    pairs.map(([value, count]) => ({ value, count, sahem__key: String(value) }));

  it('sends each instance the histogram instead of the median', () => {
    const { prepared } = rootField(BACKLOG);
    const backlog = (prepared.selectionSet!.selections[0] as FieldNode).selectionSet!;
    const sent = backlog.selections.map(
      (s) => (s as FieldNode).alias?.value ?? (s as FieldNode).name.value,
    );
    expect(sent).toEqual(['unverifiedLogs', 'oldestPendingDate', 'sahem__hist_daysToVerify']);
  });

  it.each<[string, unknown[], unknown]>([
    [
      'the earliest date of those waiting, logs summed, the median of the summed histogram (odd)',
      [
        {
          unverifiedLogs: 2,
          oldestPendingDate: '2026-03-01',
          sahem__hist_daysToVerify: buckets([0, 2], [9, 1]),
        },
        {
          unverifiedLogs: 1,
          oldestPendingDate: '2026-02-11',
          sahem__hist_daysToVerify: buckets([3, 1], [366, 1]),
        },
      ],
      // 0 0 3 9 366: the third.
      { unverifiedLogs: 3, oldestPendingDate: '2026-02-11', medianDaysToVerify: 3 },
    ],
    [
      'the mean of the two middle days for an even count, across instances',
      [
        { unverifiedLogs: 0, oldestPendingDate: null, sahem__hist_daysToVerify: buckets([1, 1]) },
        { unverifiedLogs: 0, oldestPendingDate: null, sahem__hist_daysToVerify: buckets([4, 1]) },
      ],
      { unverifiedLogs: 0, oldestPendingDate: null, medianDaysToVerify: 2.5 },
    ],
    [
      'null without any verified log; an instance that did not answer left out',
      [
        { unverifiedLogs: 4, oldestPendingDate: '2026-05-05', sahem__hist_daysToVerify: [] },
        undefined,
      ],
      { unverifiedLogs: 4, oldestPendingDate: '2026-05-05', medianDaysToVerify: null },
    ],
  ])('%s', (_, backlogs, expected) => {
    const { field } = rootField(BACKLOG);
    const values = backlogs.map((backlog) => backlog && { verificationBacklog: backlog });
    expect(mergeField('Query', field, values, context())).toEqual({
      verificationBacklog: expected,
    });
  });
});
