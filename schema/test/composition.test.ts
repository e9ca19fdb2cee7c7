import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../composeSupergraph.ts';

const committed = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

describe('the committed supergraph', () => {
  const composition = composeSupergraph();

  it('composes without errors or hints', () => {
    if (!composition.ok)
      throw new Error(composition.errors.map((error) => error.message).join('\n'));
    expect(composition.hints.map((hint) => hint.message)).toEqual([]);
  });

  it('matches schema/supergraph.graphql and schema/api.graphql (run npm run compose)', () => {
    if (!composition.ok) return expect.fail('composition failed');
    expect(committed('supergraph.graphql')).toBe(composition.supergraphSdl.trimEnd() + '\n');
    expect(committed('api.graphql')).toBe(composition.apiSchemaSdl.trimEnd() + '\n');
  });

  it('keeps federation internals out of the client-facing API schema', () => {
    const api = committed('api.graphql');
    expect(api).not.toMatch(/join__|link__|_entities|_service|@key/);
    expect(api).toContain('type Volunteer');
  });

  it('fails on a subgraph that breaks composition', () => {
    const broken = composeSupergraph({
      programs: committed('../subgraphs/programs/schema.graphql').replace(
        'ar: String!',
        'ar: Int!',
      ),
    });
    expect(broken.ok).toBe(false);
  });
});
