import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE_SCOPES } from '@sahem/kit';
import { loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// The gateway remembers its authorization decision per document and kind of caller: two callers
// taking turns on the same document each get their own, however often they alternate.
let graph: Graph;
beforeAll(async () => {
  graph = await startGraph();
  await loadFixture(graph);
});
afterAll(() => graph?.stop());

const DOCUMENT = '{ volunteer(id: "V-0000003") { id fullName } }';

it('two callers of different scopes on the same document, in turn, each get their own decision', async () => {
  const withPii = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-a' })}`;
  const withoutPii = `Bearer ${await graph.token({
    role: 'platform_admin',
    subject: 'admin-b',
    scopes: ROLE_SCOPES.platform_admin.filter((scope) => scope !== 'pii:read'),
  })}`;
  for (let round = 0; round < 3; round++) {
    const full = await graph.query(DOCUMENT, undefined, { authorization: withPii });
    expect(full).toEqual({ data: { volunteer: { id: 'V-0000003', fullName: 'فهد العتيبي' } } });
    const partial = await graph.query(DOCUMENT, undefined, { authorization: withoutPii });
    expect(partial.data).toEqual({ volunteer: { id: 'V-0000003', fullName: null } });
    expect(partial.errors).toMatchObject([
      { path: ['volunteer', 'fullName'], extensions: { code: 'FORBIDDEN' } },
    ]);
    const anonymous = await graph.query(DOCUMENT, undefined, { authorization: '' });
    expect(anonymous.data).toEqual({ volunteer: null });
  }
});
