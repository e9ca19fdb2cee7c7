import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withoutSecurityPurpose } from '../../gateway/src/auth/requirements.ts';
import { benchManifest, loadOperations, WORKLOADS } from '../scenarios.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFile(path.join(ROOT, file), 'utf8');

describe('the operations the bench sends', () => {
  it("are the client operations as shipped, plus the bench's own", async () => {
    const operations = await loadOperations();
    for (const workload of WORKLOADS) {
      expect(operations.get(workload.operation)?.file).toMatch(
        workload.id === 'lookup' ? /^bench\/operations\// : /^client\/src\/operations\//,
      );
    }
    const manifest = JSON.parse(await read('client/src/__generated__/persisted-documents.json'));
    // The texts sent are the manifest's: a gateway that enforces trusted documents runs them.
    const merged = benchManifest(manifest, operations.values());
    for (const operation of operations.values())
      expect(merged[operation.sha256]).toBe(operation.text);
    // The bench's own: the lookup (a direct call to the volunteers subgraph).
    const own = [...operations.values()].filter((o) => o.file.startsWith('bench/operations/'));
    expect(own.map((o) => o.name)).toEqual(['VolunteerLookup']);
    expect(Object.keys(merged)).toHaveLength(Object.keys(manifest).length + own.length);
  });

  it('refuses a client operation the manifest does not hold as written', async () => {
    const operations = [...(await loadOperations()).values()];
    expect(() => benchManifest({}, operations)).toThrow(/run npm run codegen/);
  });

  it('validate against the published API schema', async () => {
    const schema = buildSchema(await read('schema/api.graphql'));
    for (const operation of (await loadOperations()).values()) {
      expect(validate(schema, parse(operation.text)), operation.name).toEqual([]);
    }
  });

  it('include a lookup the volunteers subgraph answers alone (one fetch)', async () => {
    const supergraph = Supergraph.build(
      withoutSecurityPurpose(await read('schema/supergraph.graphql')),
    );
    const lookup = (await loadOperations()).get('VolunteerLookup')!;
    const plan = prettyFormatQueryPlan(
      new QueryPlanner(supergraph).buildQueryPlan(
        operationFromDocument(supergraph.schema, parse(lookup.text)),
      ),
    );
    expect([...plan.matchAll(/Fetch\(service: "(\w+)"/g)].map((match) => match[1])).toEqual([
      'volunteers',
    ]);
  });
});
