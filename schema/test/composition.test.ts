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

describe('merge rules of the programs contract', () => {
  const programs = committed('../subgraphs/programs/schema.graphql');
  const failure = (sdl: string) => {
    const result = composeSupergraph({ programs: sdl });
    return result.ok ? [] : result.errors.map((error) => error.message);
  };

  it.each([
    [
      'a spanning field without a rule',
      programs.replace(
        '  verifiedHours: Float! @merge(rule: "sum")\n  verifiedHoursBySkill: [SkillHours!]!\n    @listSize(assumedSize: 40)\n    @merge(rule: "keyed", by: "skillCode")\n  "The sum',
        '  verifiedHours: Float!\n  verifiedHoursBySkill: [SkillHours!]!\n    @listSize(assumedSize: 40)\n    @merge(rule: "keyed", by: "skillCode")\n  "The sum',
      ),
      /RegionPeriod\.verifiedHours has no @merge rule, but RegionPeriod is merged across instances/,
    ],
    [
      'a root field without a rule',
      programs.replace(
        '  agency(code: ID!): Agency @merge(rule: "owner", by: "code")',
        '  agency(code: ID!): Agency',
      ),
      /Query\.agency has no @merge rule/,
    ],
    [
      'a mutation that would fan out',
      programs.replace(
        '@merge(rule: "owner", by: "input.agencyCode")',
        '@merge(rule: "concat", by: "id")',
      ),
      /Mutation\.createProgram: a mutation goes to exactly one instance/,
    ],
    [
      'an unknown rule',
      programs.replace('hours: Float! @merge(rule: "sum")', 'hours: Float! @merge(rule: "add")'),
      /SkillHours\.hours: unknown merge rule "add"/,
    ],
    [
      'a distinct count without its sketch',
      programs.replace('sketch: "activeTeamLeadsSketch")', 'sketch: "teamLeadSketch")'),
      /teamLeadSketch is not a field with the sketch rule/,
    ],
    [
      'breakdown cells without their key',
      programs.replace(
        '@merge(rule: "cells", by: "key")\n}\n\n"What a breakdown',
        '@merge(rule: "cells")\n}\n\n"What a breakdown',
      ),
      /NationalPeriod\.breakdown: the cells rule needs `by`/,
    ],
    [
      'a breakdown cell field without a rule',
      programs.replace('verifiedHours: Float @merge(rule: "sum")', 'verifiedHours: Float'),
      /BreakdownCell\.verifiedHours has no @merge rule, but BreakdownCell is merged across instances/,
    ],
  ])('fails on %s', (_, sdl, message) => {
    const errors = failure(sdl);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });
});
