import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from './support/postGraphQL.ts';
import { loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

let graph: Graph;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
});
afterAll(async () => {
  await graph?.stop();
});

/**
 * Fragments that spread the next one twice: `levels` fragments of about 30 bytes each, whose
 * expanded tree selects 2^levels fields. `refused` puts a field the anonymous caller may not
 * see at the bottom, so authorization has something to take out.
 */
function fragmentBomb(levels: number, refused: boolean): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment L${i} on Program { id ...L${i + 1} ...L${i + 1} }`,
  );
  const bottom = refused ? 'id teamLeads { id }' : 'id';
  return `{ program(id: "SCD-00001") { ...L0 } } ${fragments.join(' ')} fragment L${levels} on Program { ${bottom} }`;
}

describe('a fragment bomb', () => {
  it.each([
    [20, false],
    [20, true],
    [21, true],
    [40, true],
  ])(
    'of %i levels (refused field: %s) is refused before anything expands it',
    async (levels, refused) => {
      const document = fragmentBomb(levels, refused);
      expect(document.length).toBeLessThan(2_000);
      const heapBefore = process.memoryUsage().heapUsed;
      const answer = await postGraphQL(graph.gateway.url, document);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'fields',
        max: 1000,
        // program, then 2^levels copies of the bottom fragment (and 2^levels - 1 ids above it).
        actual: 2 ** levels * (refused ? 4 : 2),
      });
      // Expanding 2^20 selections costs hundreds of megabytes; counting them costs nothing.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
    },
  );

  it('leaves the gateway answering', async () => {
    await postGraphQL(graph.gateway.url, fragmentBomb(30, true));
    const answer = await postGraphQL(graph.gateway.url, '{ agencies { code } }');
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('of a size the limit allows still has its refused fields authorized', async () => {
    const answer = await postGraphQL(graph.gateway.url, fragmentBomb(3, true));
    expect(answer.status).toBe(200);
    const codes = answer.body.errors?.map((error) => error.extensions?.code);
    expect(codes?.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['FORBIDDEN']));
  });
});
