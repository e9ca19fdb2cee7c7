import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costModelFromSupergraph } from '../src/limits/costModelFromSupergraph.ts';
import { estimateCost } from '../src/limits/estimateCost.ts';
import { DEFAULT_LIMITS } from '../src/limits/GatewayLimits.ts';
import { SUPERGRAPH_PATH } from './support/startGraph.ts';

const model = costModelFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

/**
 * Every list field of the supergraph whose size the cost estimate would have to guess: no
 * `assumedSize`, no slicing argument, and not sized by its parent (a connection's `edges`).
 */
function unsizedLists(): string[] {
  const sizedByParent = new Set<string>();
  for (const fields of model.fields.values()) {
    for (const field of fields.values()) {
      for (const child of field.listSize?.sizedFields ?? [])
        sizedByParent.add(`${field.type}.${child}`);
    }
  }
  const unsized: string[] = [];
  for (const [type, fields] of model.fields) {
    for (const [name, field] of fields) {
      if (!field.list || sizedByParent.has(`${type}.${name}`)) continue;
      const size = field.listSize;
      if (size?.assumedSize === undefined && !size?.slicingArguments.length) {
        unsized.push(`${type}.${name}`);
      }
    }
  }
  return unsized;
}

describe('list sizes in the supergraph', () => {
  it('gives every list field a size the cost estimate can use', () => {
    // A list without one is estimated at the default of 10, whatever it really holds: nesting
    // such lists is how a 700-byte query once took a subgraph to 4 GB under the budget.
    expect(unsizedLists()).toEqual([]);
  });

  it('estimates nested target lists above the budget', () => {
    const nested = 'targets { indicator { targets { indicator { targets { value } } } } }';
    const aliases = Array.from({ length: 8 }, (_, i) => `t${i}: ${nested}`).join(' ');
    expect(estimateCost(parse(`{ ${aliases} }`), model)).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
    expect(
      estimateCost(parse(`{ t: targets { indicator { targets { value } } } }`), model),
    ).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  });

  it('keeps one list of targets, or the catalogue with its targets, within the budget', () => {
    expect(estimateCost(parse('{ targets { value } }'), model)).toBeLessThan(
      DEFAULT_LIMITS.maxCost,
    );
    expect(
      estimateCost(parse('{ indicators { code targets(first: 20) { value } } }'), model),
    ).toBeLessThan(DEFAULT_LIMITS.maxCost);
  });
});
