import { parse, validate, buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../explorer/src/examples.ts';
import { readClientDocuments } from '../../schema/readClientDocuments.ts';

const schema = buildSchema(
  readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'),
);

// The explorer's saved tabs are read by Vite's glob at build time; vitest reads them the same way.
describe("the explorer's saved operations", () => {
  it('are the shipped operations, one tab each, and no tab for a file of fragments', () => {
    const names = EXAMPLES.map((example) => example.name).sort();
    expect(names).not.toContain('Operation');
    expect(names).toHaveLength(readClientDocuments().length);
  });

  it.each(EXAMPLES.map((example) => [example.name, example.query]))(
    '%s is a valid document on its own, fragments included',
    (_, query) => {
      expect(validate(schema, parse(query))).toEqual([]);
    },
  );
});
