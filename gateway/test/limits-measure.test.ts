import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation, type OperationMeasures } from '../src/limits/measureOperation.ts';

const measure = (query: string, operationName?: string) =>
  measureOperation(parse(query), operationName);

describe('measureOperation', () => {
  it.each<[string, string, Partial<OperationMeasures>]>([
    ['one field', '{ agencies }', { depth: 1, rootFields: 1 }],
    ['nesting', '{ a { b { c } } }', { depth: 3, rootFields: 1 }],
    ['the deepest branch', '{ a { b } c { d { e { f } } } }', { depth: 4, rootFields: 2 }],
    ['aliases anywhere', '{ x: a { y: b z: b } w: c }', { aliases: 4, rootFields: 2 }],
    [
      'fragments where they are spread',
      '{ a { ...F } b { ...F } } fragment F on T { x: c { d } }',
      { depth: 3, aliases: 2, rootFields: 2 },
    ],
    [
      'root fields through fragments',
      '{ ...R ... on Query { c } } fragment R on Query { a b }',
      { rootFields: 3, depth: 1 },
    ],
    [
      'directives on fields, spreads, fragments and the operation',
      'query Q($v: Boolean! @deprecated) @live { a @include(if: $v) { ...F @skip(if: false) } } fragment F on T @x { b @y }',
      { directives: 6 },
    ],
    [
      'a fragment cycle, which validation refuses, as empty',
      '{ ...A } fragment A on Q { ...A }',
      { depth: 0 },
    ],
    [
      'introspection as one level',
      '{ __schema { types { fields { type { ofType { name } } } } } }',
      { depth: 1 },
    ],
  ])('counts %s', (_, query, expected) => {
    expect(measure(query)).toMatchObject(expected);
  });

  it('measures the operation named', () => {
    const document = 'query A { a { b } } query B { a b c }';
    expect(measure(document, 'A')).toMatchObject({ depth: 2, rootFields: 1 });
    expect(measure(document, 'B')).toMatchObject({ depth: 1, rootFields: 3 });
  });

  it('keeps the standard introspection query within the default depth', () => {
    expect(measure(getIntrospectionQuery()).depth).toBe(1);
  });

  it('measures each fragment once, however often fragments spread each other', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on T { x${i}: a { ...F${i + 1} } ...F${i + 1} }`,
    );
    const measures = measure(`{ ...F0 } ${fragments.join(' ')} fragment F40 on T { b }`);
    expect(measures.depth).toBe(41);
    // Each level doubles what lies below it: 2^40 - 1 aliases, counted without expanding.
    expect(measures.aliases).toBe(2 ** 40 - 1);
  });
});
