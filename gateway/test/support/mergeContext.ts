import { readFileSync } from 'node:fs';
import { contractModel } from '../../src/agencies/contractModel.ts';
import type { MergeContext } from '../../src/agencies/mergeAnswers.ts';
import { SUPERGRAPH_PATH } from './startGraph.ts';

/** The contract model of the committed supergraph, as the gateway builds it. */
export const model = contractModel(readFileSync(SUPERGRAPH_PATH, 'utf8'));

/** A merge of two agencies' answers (SCD and SEC) with the default small-cell threshold. */
export const mergeContext = (overrides: Partial<MergeContext> = {}): MergeContext => ({
  model,
  variables: {},
  fragments: new Map(),
  included: ['SCD', 'SEC'],
  excluded: [],
  invalid: () => undefined,
  smallCellThreshold: 5,
  ...overrides,
});
