import { readFile } from 'node:fs/promises';
import { buildSchema, getVariableValues, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costModelFromSupergraph } from '../../gateway/src/limits/costModelFromSupergraph.ts';
import { estimateCost } from '../../gateway/src/limits/estimateCost.ts';
import { DEFAULT_LIMITS } from '../../gateway/src/limits/GatewayLimits.ts';
import { analystGatewayQuestions } from '../analyst/analystGatewayQuestions.ts';
import { loadOperations } from '../scenarios.ts';

describe("the analyst's questions timed through the gateway", () => {
  it('are shipped client operations, with variables the API schema accepts', async () => {
    const schema = buildSchema(
      await readFile(new URL('../../schema/api.graphql', import.meta.url), 'utf8'),
    );
    const operations = await loadOperations();
    const questions = analystGatewayQuestions('SCD-00001');
    expect(new Set(questions.map((question) => question.operation))).toEqual(
      new Set([
        'NationalTrend',
        'RegionTrend',
        'AgencyTrend',
        'ProgramLeague',
        'ProgramFigures',
        'AgencyBacklog',
        'NationalBacklog',
        'Breakdown',
        'NationalTrendBreakdown',
        'RegionBreakdowns',
      ]),
    );
    for (const question of questions) {
      const operation = operations.get(question.operation);
      expect(operation?.file, question.operation).toMatch(/^client\/src\/operations\/analyst\//);
      const definition = parse(operation!.text).definitions.find(
        (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
      )!;
      const coerced = getVariableValues(
        schema,
        definition.variableDefinitions ?? [],
        question.variables,
      );
      expect(coerced.errors, question.title).toBeUndefined();
    }
  });

  it("fit production's cost budget, as every shipped operation must", async () => {
    const model = costModelFromSupergraph(
      await readFile(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
    );
    const operations = await loadOperations();
    for (const question of analystGatewayQuestions('SCD-00001')) {
      expect(
        estimateCost(parse(operations.get(question.operation)!.text), model, question.variables),
        question.title,
      ).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
    }
  });

  it('refuse a gender × age band breakdown whose stores have no participant cells', () => {
    const question = analystGatewayQuestions('SCD-00001').find(
      (q) => q.operation === 'Breakdown' && String(q.variables.by) === 'GENDER,AGE_BAND',
    )!;
    const cell = (gender: string, ageBand: string, suppressed = false) => ({
      gender,
      ageBand,
      suppressed,
    });
    const answer = (...breakdown: ReturnType<typeof cell>[]) => ({ nationalPeriod: { breakdown } });
    expect(question.check?.(answer(cell('UNKNOWN', 'UNKNOWN')))).toMatch(/no participant cells/);
    expect(question.check?.(answer(cell('FEMALE', 'AGE_25_34', true)))).toMatch(/no participant/);
    expect(question.check?.(answer(cell('UNKNOWN', 'UNKNOWN'), cell('FEMALE', 'AGE_25_34')))).toBe(
      undefined,
    );
  });
});
