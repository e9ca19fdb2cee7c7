import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractModel } from '../src/agencies/contractModel.ts';
import { prepareFanOut } from '../src/agencies/prepareFanOut.ts';
import {
  PreparedOperations,
  prepareOperation,
  variablesOf,
} from '../src/agencies/preparedOperations.ts';

const supergraph = readFileSync(
  new URL('../../schema/supergraph.graphql', import.meta.url),
  'utf8',
);
const model = contractModel(supergraph);

// A planner fetch of per-agency scenario 1's shape: a list fanned out to every instance, an
// owned record for one, and a fragment that only one of them uses.
const FETCH = `query Scorecards__programs__0($period: String!, $id: ID!, $unused: Int) {
  agencies { code period(period: $period) { activeVolunteers verifiedHours } }
  program(id: $id) { ...Title }
}
fragment Title on Program { id title { en } }`;

describe('a planner fetch prepared once for routing', () => {
  it('is prepared once per text and contract, and again when the contract changes', () => {
    const operations = new PreparedOperations();
    const first = operations.of(FETCH, model);
    expect(operations.of(FETCH, model)).toBe(first);
    const reloaded = contractModel(supergraph);
    const again = operations.of(FETCH, reloaded);
    expect(again).not.toBe(first);
    expect(again.model).toBe(reloaded);
  });

  it('keeps at most its limit of texts, the oldest dropped first', () => {
    const operations = new PreparedOperations({ maxTexts: 2 });
    const texts = [1, 2, 3].map((n) => `query Q${n} { agencies { code } }`);
    const [first, second, third] = texts.map((text) => operations.of(text, model));
    expect(operations.size.texts).toBe(2);
    expect(operations.of(texts[2]!, model)).toBe(third);
    expect(operations.of(texts[1]!, model)).toBe(second);
    expect(operations.of(texts[0]!, model)).not.toBe(first);
  });

  it('keeps at most its limit of characters, counting every text it printed', () => {
    const variants = [1, 2, 3, 4].map((n) => FETCH.replace('Scorecards__', `Scorecards${n}__`));
    // Every split of the root fields over instances a request could make, printed.
    const use = (operations: PreparedOperations, text: string) => {
      const prepared = operations.of(text, model);
      const [agencies, program] = prepared.rootFields;
      const fanned = prepared.fanOut(agencies!);
      prepared.subOperation(fanned);
      prepared.subOperation([...fanned, program!]);
      prepared.subOperation([program!]);
    };
    const one = new PreparedOperations();
    use(one, variants[0]!);
    const entry = one.size.chars;
    // The printed splits count, not only the fetch text.
    expect(entry).toBeGreaterThan(2 * variants[0]!.length);

    const operations = new PreparedOperations({ maxChars: Math.floor(2.5 * entry) });
    for (const text of variants) {
      use(operations, text);
      expect(operations.size.chars).toBeLessThanOrEqual(2.5 * entry);
    }
    expect(operations.size).toEqual({ texts: 2, chars: 2 * entry });
  });

  it('keeps at most 64 splits of one fetch, the oldest dropped first', () => {
    const fields = [1, 2, 3, 4, 5, 6, 7].map((n) => `p${n}: program(id: "SCD-0000${n}") { id }`);
    const prepared = prepareOperation(parse(`{ ${fields.join(' ')} }`), model);
    const subsets = Array.from({ length: 2 ** fields.length - 1 }, (_, mask) =>
      prepared.rootFields.filter((_, bit) => ((mask + 1) >> bit) & 1),
    );
    const printed = subsets.map((subset) => prepared.subOperation(subset));
    expect(prepared.subOperation(subsets.at(-1)!)).toBe(printed.at(-1));
    expect(prepared.subOperation(subsets.at(-64)!)).toBe(printed.at(-64));
    expect(prepared.subOperation(subsets[0]!)).not.toBe(printed[0]);
  });

  it('splits as printing each split afresh would, sharing the text of equal splits', () => {
    const prepared = prepareOperation(parse(FETCH), model);
    const [agencies, program] = prepared.rootFields;
    const fanned = prepared.fanOut(agencies!);
    expect(prepared.fanOut(agencies!)).toBe(fanned);
    const selectionSet = { kind: Kind.SELECTION_SET, selections: [agencies!] } as const;
    expect(fanned).toEqual(
      prepareFanOut(selectionSet, 'Query', model, prepared.fragments).selections,
    );
    // The list's sort key is added for the merge, under the gateway's own alias.
    expect(print(fanned[0]!)).toMatch(/sahem__order0: code/);

    const listOnly = prepared.subOperation(fanned);
    expect(prepared.subOperation([...fanned])).toBe(listOnly);
    expect(listOnly.query).toContain('query Scorecards__programs__0($period: String!)');
    expect(listOnly.query).not.toContain('fragment Title');
    expect([...listOnly.variableNames]).toEqual(['period']);

    const both = prepared.subOperation([...fanned, program!]);
    expect(both).not.toBe(listOnly);
    expect(both.query).toContain('$period: String!, $id: ID!)');
    expect(both.query).toContain('fragment Title on Program');
    expect(both.query).not.toContain('$unused');
    // What is sent parses, and says only what the split holds.
    expect(print(parse(both.query))).toBe(both.query);
  });

  it('passes on only the variables a split declares, in the request order, as own properties', () => {
    const prepared = prepareOperation(parse(FETCH), model);
    const split = prepared.subOperation(prepared.rootFields);
    const variables = JSON.parse(
      '{"id":"SCD-00001","__proto__":{"polluted":true},"unused":1,"period":"2026-Q4"}',
    ) as Record<string, unknown>;
    const sent = variablesOf(split, variables);
    expect(Object.keys(sent)).toEqual(['id', 'period']);
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
  });

  it('prints an _entities fetch once for each of merged and owned representations', () => {
    const prepared = prepareOperation(
      parse(
        'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on RegionPeriod { activeVolunteers } } }',
      ),
      model,
    );
    expect(prepared.entities?.name.value).toBe('_entities');
    const merged = prepared.entitiesQuery(true);
    expect(prepared.entitiesQuery(true)).toBe(merged);
    const owned = prepared.entitiesQuery(false);
    expect(owned).not.toBe(merged);
    // A merged distinct count needs the sketch behind it; an owner's answer is taken as it is.
    expect(merged).toContain('activeVolunteersSketch');
    expect(owned).not.toContain('activeVolunteersSketch');
    expect(print(parse(merged))).toBe(merged);
  });
});
