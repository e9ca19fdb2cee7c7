import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCellSync } from '../../subgraphs/programs/src/cells/startCellSync.ts';
import {
  CellSyncError,
  MAX_ANSWER_BYTES,
  syncParticipantCells,
  type CellSyncOptions,
} from '../../subgraphs/programs/src/cells/syncParticipantCells.ts';
import { CellAnswerError } from '../../subgraphs/programs/src/cells/validateCellAnswer.ts';
import { fileURLToPath } from 'node:url';
import type { DemoIdentity } from '../src/auth/demoTokens.ts';
import { startGateway } from '../src/startGateway.ts';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph, type ProgramsInstanceOfGraph } from './support/startGraph.ts';

// Civil Defense's instance copies its own participants' gender and birth year from the register,
// through the gateway, as the agency: the gateway's rules decide what it gets.
let graph: Graph;
let scd: ProgramsInstanceOfGraph;
beforeAll(async () => {
  graph = await startGraph({ agencies: 'per-agency' });
  await loadFixture(graph);
  scd = graph.programsInstances.find((instance) => instance.name === 'SCD')!;
});
afterAll(() => graph?.stop());
beforeEach(async () => {
  await scd.subgraph.db.prisma.participantCell.deleteMany();
});

/** A service account of an agency: staff of it, with only the scopes the sync needs. */
const serviceAccount = (agency: string): DemoIdentity => ({
  role: 'agency_officer',
  subject: `${agency}-cell-sync`,
  agency,
  scopes: ['pii:read', 'volunteers:search'],
});
const sync = async (options: Partial<CellSyncOptions> = {}, agency = 'SCD') => {
  const token = await graph.token(serviceAccount(agency));
  return syncParticipantCells({
    gatewayUrl: graph.gateway.url,
    tokens: async () => [token],
    prisma: scd.subgraph.db.prisma,
    agencies: scd.agencies,
    ...options,
  });
};
const cells = () =>
  scd.subgraph.db.prisma.participantCell.findMany({ orderBy: { volunteerId: 'asc' } });
const scdParticipants = [
  ...new Set(
    fixture.participations.filter((p) => p.programId.startsWith('SCD-')).map((p) => p.volunteerId),
  ),
].sort();
/** The register's values, read from its own database. */
const register = async (ids: string[]) =>
  (
    await graph.volunteers.db.prisma.volunteer.findMany({
      where: { id: { in: ids } },
      orderBy: { id: 'asc' },
      select: { id: true, gender: true, birthYear: true },
    })
  ).map((v) => ({ volunteerId: v.id, gender: v.gender, birthYear: v.birthYear }));

describe('the participant cell sync', () => {
  it("copies the register's values of exactly this agency's participants", async () => {
    const before = Date.now();
    const report = await sync();

    expect(scdParticipants).toEqual(['V-0000001', 'V-0000003', 'V-0000005', 'V-0000006']);
    expect(report).toEqual({ asked: 4, upserted: 4, withheld: 0, deleted: 0 });
    const stored = await cells();
    expect(stored.map(({ syncedAt: _, ...values }) => values)).toEqual(
      await register(scdParticipants),
    );
    for (const cell of stored) expect(cell.syncedAt.getTime()).toBeGreaterThanOrEqual(before - 5);
  });

  it('refreshes a changed gender and birth year on the next run', async () => {
    await sync();
    const volunteers = graph.volunteers.db.prisma.volunteer;
    const { gender, birthYear } = (await volunteers.findUniqueOrThrow({
      where: { id: 'V-0000003' },
    }))!;
    await volunteers.update({
      where: { id: 'V-0000003' },
      data: { gender: gender === 'MALE' ? 'FEMALE' : 'MALE', birthYear: birthYear! - 7 },
    });
    try {
      await sync();

      const cell = await scd.subgraph.db.prisma.participantCell.findUniqueOrThrow({
        where: { volunteerId: 'V-0000003' },
      });
      expect(cell).toMatchObject({
        gender: gender === 'MALE' ? 'FEMALE' : 'MALE',
        birthYear: birthYear! - 7,
      });
    } finally {
      await volunteers.update({ where: { id: 'V-0000003' }, data: { gender, birthYear } });
    }
  });

  it('shares each batch between participants without a cell and the oldest cells', async () => {
    const first = await sync({ batchSize: 3 });
    const firstCells = await cells();
    const second = await sync({ batchSize: 3 });

    expect(first).toMatchObject({ asked: 3, upserted: 3 });
    expect(firstCells).toHaveLength(3);
    expect(second).toMatchObject({ asked: 3, upserted: 3 });
    const refreshed = (await cells()).filter(
      (cell) =>
        !firstCells.some(
          (old) => old.volunteerId === cell.volunteerId && +old.syncedAt === +cell.syncedAt,
        ),
    );
    // The one without a cell, then the two oldest of the first run (ties by id).
    const left = scdParticipants.find((id) => !firstCells.some((c) => c.volunteerId === id))!;
    expect(refreshed.map((cell) => cell.volunteerId)).toEqual(
      [left, ...firstCells.slice(0, 2).map((cell) => cell.volunteerId)].sort(),
    );
  });

  it('keeps refreshing cells while the register withholds more participants than a batch', async () => {
    // Participants the register does not know (deleted from it, say): withheld on every run.
    const programs = scd.subgraph.db.prisma;
    const unknown = ['V-0009991', 'V-0009992', 'V-0009993'];
    await programs.participation.createMany({
      data: unknown.map((volunteerId, i) => ({
        id: `SCD-00000000-0000-4000-8000-00000000099${i}`,
        volunteerId,
        programId: 'SCD-00001',
        skillCode: '5411',
      })),
    });
    try {
      const reports: { hadCells: boolean; upserted: number; withheld: number }[] = [];
      // Until every known participant has a cell and a run has met the unknown ones: cells
      // left by an earlier test can make the first condition true before any run.
      const done = async () =>
        (await cells()).length >= scdParticipants.length && reports.some((r) => r.withheld > 0);
      for (let run = 0; run < 200 && !(await done()); run++) {
        reports.push({ hadCells: (await cells()).length > 0, ...(await sync({ batchSize: 2 })) });
      }

      expect((await cells()).map((cell) => cell.volunteerId)).toEqual(scdParticipants);
      // Once there are cells, every run refreshes at least one of them.
      for (const report of reports.filter((r) => r.hadCells)) {
        expect(report.upserted).toBeGreaterThanOrEqual(1);
      }
      expect(reports.some((report) => report.withheld > 0)).toBe(true);
    } finally {
      await programs.participation.deleteMany({ where: { volunteerId: { in: unknown } } });
    }
  });

  it("gets nothing of this agency's participants with another agency's token", async () => {
    // SEC's staff may read personal fields of SEC's participants only; none of SCD's is one.
    const report = await sync({}, 'SEC');

    expect(report).toEqual({ asked: 4, upserted: 0, withheld: 4, deleted: 0 });
    expect(await cells()).toEqual([]);
  });

  it('asks with each token of the instance for those the previous one may not see', async () => {
    const [sec, scdToken] = await Promise.all([
      graph.token(serviceAccount('SEC')),
      graph.token(serviceAccount('SCD')),
    ]);
    const report = await sync({ tokens: async () => [sec, scdToken] });

    expect(report).toMatchObject({ asked: 4, upserted: 4, withheld: 0 });
  });

  it.each<[string, (node: Record<string, unknown>, nodes: unknown[]) => void]>([
    [
      'a volunteer it did not ask for',
      (_, nodes) => nodes.push({ id: 'V-0000004', gender: 'MALE', birthYear: 1994 }),
    ],
    ['an id changed on the way', (node) => (node.id = 'V-0000002')],
    ['a gender outside the enum', (node) => (node.gender = 'UNKNOWN')],
    ['an impossible birth year', (node) => (node.birthYear = 3026)],
  ])('refuses a gateway answer with %s and stores nothing', async (_, tamper) => {
    // A man in the middle: the real gateway's answer, altered before the sync reads it.
    const forging: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      const body = (await answer.json()) as {
        data: { volunteers: { edges: { node: Record<string, unknown> }[] } };
      };
      const nodes: unknown[] = body.data.volunteers.edges;
      tamper(body.data.volunteers.edges[0]!.node, nodes);
      if (nodes.length > body.data.volunteers.edges.length) {
        body.data.volunteers.edges.push({ node: nodes.pop() as Record<string, unknown> });
      }
      return new Response(JSON.stringify(body), { status: 200, headers: answer.headers });
    };

    await expect(sync({ fetch: forging })).rejects.toThrow(CellAnswerError);
    expect(await cells()).toEqual([]);
  });

  it('refuses an answer larger than 1 MiB without reading it whole', async () => {
    let sent = 0;
    const endless: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            sent += 65_536;
            controller.enqueue(new Uint8Array(65_536).fill(32));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );

    await expect(sync({ fetch: endless })).rejects.toThrow(/larger than 1048576 bytes/);
    expect(sent).toBeLessThan(4 * MAX_ANSWER_BYTES);
    expect(await cells()).toEqual([]);
  });

  it.each([
    ['withdrew', 'withdraws'],
    ['has no participation left', 'deletes'],
  ])('removes the cell of a volunteer who %s here', async (_, change) => {
    await sync();
    const programs = scd.subgraph.db.prisma;
    const leaving = fixture.participations.find((p) => p.volunteerId === 'V-0000006')!;
    const row = await programs.participation.findUniqueOrThrow({ where: { id: leaving.id } });
    if (change === 'withdraws') {
      await programs.participation.update({ where: { id: row.id }, data: { status: 'WITHDRAWN' } });
    } else {
      await programs.participation.delete({ where: { id: row.id } });
    }
    try {
      const report = await sync();

      expect(report).toMatchObject({ asked: 3, deleted: 1 });
      expect((await cells()).map((cell) => cell.volunteerId)).toEqual(
        scdParticipants.filter((id) => id !== 'V-0000006'),
      );
    } finally {
      await programs.participation.upsert({ where: { id: row.id }, create: row, update: row });
    }
  });

  it('runs on a gateway that runs trusted documents only', async () => {
    const enforcing = await startGateway(
      {
        ...graph.gatewayDeps,
        persistedDocuments: {
          mode: 'enforce',
          manifestPath: fileURLToPath(
            new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
          ),
        },
      },
      { port: 0 },
    );
    try {
      expect(await sync({ gatewayUrl: enforcing.url })).toMatchObject({ asked: 4, upserted: 4 });
    } finally {
      await enforcing.stop();
    }
  });

  it('fails with CellSyncError when the gateway cannot be reached', async () => {
    await expect(sync({ gatewayUrl: 'http://127.0.0.1:9/graphql' })).rejects.toThrow(CellSyncError);
  });

  it('keeps trying on its timer while the gateway is down, and fills the cells once it answers', async () => {
    let gatewayUrl = 'http://127.0.0.1:9/graphql';
    const lines: string[] = [];
    const loop = startCellSync({
      run: () => sync({ gatewayUrl }),
      intervalMs: 50,
      firstDelayMs: 0,
      log: (line) => lines.push(line),
    });
    try {
      await expect.poll(() => lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(
        /^cell sync failed, next try in 50 ms: the gateway at .* could not be reached/,
      );
      gatewayUrl = graph.gateway.url;
      await expect.poll(async () => (await cells()).length).toBe(4);
    } finally {
      await loop.stop();
    }
    const linesAtStop = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lines.length, 'no run after stop').toBe(linesAtStop);
  });
});
