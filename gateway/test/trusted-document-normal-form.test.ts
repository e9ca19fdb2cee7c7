import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../src/trustedDocuments/normalizeDocument.ts';

const MANIFEST_TEXT =
  'query ProgramDetail($id: ID!) { program(id: $id) { agency { code } id title { ar en } } }';
const normal = (text: string) => normalizeDocument(parse(text));

describe('normalizeDocument', () => {
  it('leaves a codegen manifest text as it is', () => {
    expect(normal(MANIFEST_TEXT)).toBe(MANIFEST_TEXT);
  });

  it.each([
    ['graphql-js print (line breaks, indentation)', print(parse(MANIFEST_TEXT))],
    [
      'fields in source order',
      'query ProgramDetail($id: ID!) { program(id: $id) { id title { en ar } agency { code } } }',
    ],
    [
      "Apollo Client's __typename on every selection set",
      'query ProgramDetail($id: ID!) { program(id: $id) { __typename id agency { __typename code } title { __typename ar en } } }',
    ],
    [
      'comments and commas',
      '# the program page\nquery ProgramDetail($id: ID!) { program(id: $id) { id, title { ar, en }, agency { code } } }',
    ],
  ])('gives %s the manifest text', (_, text) => {
    expect(normal(text)).toBe(MANIFEST_TEXT);
  });

  it.each([
    [
      'another field',
      'query ProgramDetail($id: ID!) { program(id: $id) { id status title { ar en } agency { code } } }',
    ],
    ['a field less', 'query ProgramDetail($id: ID!) { program(id: $id) { id agency { code } } }'],
    [
      'a literal argument',
      'query ProgramDetail { program(id: "SCD-00001") { id title { ar en } agency { code } } }',
    ],
    [
      'another operation name',
      'query Other($id: ID!) { program(id: $id) { id title { ar en } agency { code } } }',
    ],
    [
      'an aliased __typename (the author asked for it)',
      'query ProgramDetail($id: ID!) { program(id: $id) { kind: __typename id title { ar en } agency { code } } }',
    ],
    [
      'a directive',
      'query ProgramDetail($id: ID!) { program(id: $id) { id title @include(if: false) { ar en } agency { code } } }',
    ],
  ])('tells apart %s', (_, text) => {
    expect(normal(text)).not.toBe(MANIFEST_TEXT);
  });
});
