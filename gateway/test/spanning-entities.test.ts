import { readFileSync } from 'node:fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractModel } from '../src/agencies/contractModel.ts';
import {
  spanningSites,
  stripKeyAliases,
  withSpanningKeys,
} from '../src/agencies/spanningEntities.ts';

const model = contractModel(
  readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
);

const prepared = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION
        ? [[definition.name.value, definition] as const]
        : [],
    ),
  );
  return withSpanningKeys(operation, fragments, model);
};

describe('the keys of entities spanning agencies', () => {
  it.each([
    [
      'a team lead reached through a program',
      '{ program(id: "SCD-00001") { teamLeads { volunteer { verifiedHours } } } }',
      1,
    ],
    [
      'in a fragment as well',
      '{ program(id: "SCD-00001") { teamLeads { ...Lead } } } fragment Lead on Participation { volunteer { verifiedHours } }',
      1,
    ],
    [
      'a region period (keyed by regionCode and period)',
      '{ regionPeriod(regionCode: "SA-01", period: "2026") { verifiedHours } }',
      2,
    ],
    ['no entity spanning agencies', '{ program(id: "SCD-00001") { id title { en } } }', 0],
  ])('are selected, aliased, for %s', (_, query, added) => {
    const { operation, fragments } = prepared(query);
    const text = [print(operation), ...[...fragments.values()].map((f) => print(f))].join('\n');
    expect(text.match(/__sahemKey_\w+: \w+/g) ?? []).toHaveLength(added);
  });
});

describe('where one instance alone answered such an entity', () => {
  const query =
    '{ program(id: "SCD-00001") { teamLeads { volunteer { verifiedHours } } } nationalPeriod(period: "2026") { regions { verifiedHours } } }';
  const { operation, fragments } = prepared(query);
  const data = {
    program: {
      teamLeads: [
        { volunteer: { verifiedHours: 3, __sahemKey_id: 'V-0000001' } },
        { volunteer: { verifiedHours: 1, __sahemKey_id: 'V-0000002' } },
      ],
    },
    nationalPeriod: { regions: [{ verifiedHours: 9 }], __sahemKey_period: '2026' },
  };

  it('finds the volunteers below the program, not what the gateway merged from every instance', () => {
    const sites = spanningSites([data], 'Query', operation.selectionSet, true, fragments, model);
    expect(sites.every((site) => site.type === 'Volunteer')).toBe(true);
    expect(sites.flatMap((site) => site.objects)).toEqual([
      data.program.teamLeads[0]!.volunteer,
      data.program.teamLeads[1]!.volunteer,
    ]);
  });

  it('takes the added keys out of the answer', () => {
    const copy = structuredClone(data);
    stripKeyAliases(copy);
    expect(JSON.stringify(copy)).not.toContain('__sahemKey_');
    expect(copy.program.teamLeads[0]!.volunteer).toEqual({ verifiedHours: 3 });
  });
});
