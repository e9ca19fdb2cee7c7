import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import type { AuditRecord } from '../src/audit/AuditRecord.ts';
import { formatAuditTrail } from '../src/audit/formatAuditTrail.ts';
import { insertAuditRecords } from '../src/audit/insertAuditRecords.ts';
import { GATEWAY_MIGRATIONS } from '../src/audit/openAuditDatabase.ts';
import { parseAuditArgs, UsageError } from '../src/audit/parseAuditArgs.ts';
import { queryAuditTrail } from '../src/audit/queryAuditTrail.ts';

const NOW = new Date('2026-11-29T12:00:00Z');

describe('npm run audit: its arguments', () => {
  it.each([
    [
      ['--from', '2026-11-01', '--to', '2026-11-30'],
      { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    ],
    [
      ['--from', '2026-11-29'],
      { from: '2026-11-29T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' },
    ],
    [[], { from: '2026-11-29T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }],
    [
      ['--from', '2026-11-01T08:00:00Z', '--to', '2026-11-01T12:30:00+03:00'],
      { from: '2026-11-01T08:00:00.000Z', to: '2026-11-01T09:30:00.000Z' },
    ],
  ])('%j covers %j', (argv, period) => {
    const args = parseAuditArgs(argv, NOW);
    expect({ from: args.from.toISOString(), to: args.to.toISOString() }).toEqual(period);
  });

  it('reads the subject, the limit and the output format', () => {
    expect(parseAuditArgs(['--subject', 'V-0000001', '--limit', '5', '--json'], NOW)).toMatchObject(
      { subject: 'V-0000001', limit: 5, json: true, migrate: false },
    );
    expect(parseAuditArgs([], NOW)).toMatchObject({ limit: 100, json: false });
    expect(parseAuditArgs([], NOW)).not.toHaveProperty('subject');
  });

  it.each([
    [['--from', '2026-02-30'], '--from: "2026-02-30" is not a date'],
    [['--from', 'yesterday'], 'is not a day (YYYY-MM-DD) or an ISO 8601 instant'],
    [['--from', '2026-11-30', '--to', '2026-11-01'], '--to must come after --from'],
    [['--limit', '0'], '--limit must be a whole number'],
    [['--limit', '2.5'], '--limit must be a whole number'],
    [['--subject', ''], '--subject needs a value'],
    [['--agency', 'SCD'], "Unknown option '--agency'"],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseAuditArgs(argv, NOW)).toThrow(UsageError);
    expect(() => parseAuditArgs(argv, NOW)).toThrow(message);
  });
});

describe('npm run audit: what it reads', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  const at = (iso: string, subject: string | null, n: number): AuditRecord => ({
    occurredAt: new Date(iso),
    subject,
    role: subject ? 'volunteer' : 'anonymous',
    agency: null,
    operationName: `Op${n}`,
    operationHash: `${n}`.repeat(64).slice(0, 64),
    operationType: 'query',
    subgraphs: ['volunteers'],
    agenciesReturned: [],
    ok: n % 2 === 0,
    errorCodes: n % 2 === 0 ? [] : ['FORBIDDEN'],
    httpStatus: 200,
    requestId: `req-${n}`,
    clientIp: '10.0.0.7',
    durationMs: 12,
  });

  beforeAll(async () => {
    database = await createTestDatabase(GATEWAY_MIGRATIONS);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // Out of order on purpose: the trail reads in the order operations happened.
    await insertAuditRecords(sql, [
      at('2026-11-15T10:00:00Z', 'V-0000001', 3),
      at('2026-10-31T23:59:59.999Z', 'V-0000001', 1),
      at('2026-11-01T00:00:00Z', 'V-0000001', 2),
      at('2026-11-20T10:00:00Z', 'V-0000002', 4),
      at('2026-11-30T23:59:59Z', null, 5),
      at('2026-12-01T00:00:00Z', 'V-0000001', 6),
    ]);
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  const november = parseAuditArgs(['--from', '2026-11-01', '--to', '2026-11-30'], NOW);
  const ids = (trail: { entries: { requestId: string }[] }) =>
    trail.entries.map((entry) => entry.requestId);

  it('reads a period, both ends of each day included, in the order operations arrived', async () => {
    const trail = await queryAuditTrail(sql, november);
    expect(ids(trail)).toEqual(['req-2', 'req-3', 'req-4', 'req-5']);
    expect(trail.total).toBe(4);
  });

  it("reads one subject's operations in the period", async () => {
    const trail = await queryAuditTrail(sql, { ...november, subject: 'V-0000001' });
    expect(ids(trail)).toEqual(['req-2', 'req-3']);
    expect(trail.entries[1]).toMatchObject({
      subject: 'V-0000001',
      role: 'volunteer',
      operationName: 'Op3',
      ok: false,
      errorCodes: ['FORBIDDEN'],
      subgraphs: ['volunteers'],
      occurredAt: new Date('2026-11-15T10:00:00Z'),
    });
  });

  it('stops at the limit and says how many there are', async () => {
    const trail = await queryAuditTrail(sql, { ...november, limit: 2 });
    expect(ids(trail)).toEqual(['req-2', 'req-3']);
    expect(trail.total).toBe(4);
    expect(formatAuditTrail(trail)).toMatch(/\n2 of 4 records \(raise --limit/);
  });

  it('prints an aligned table, one operation a line', async () => {
    const text = formatAuditTrail(
      await queryAuditTrail(sql, { ...november, subject: 'V-0000001' }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^time \(UTC\)\s+subject\s+role\s+agency\s+type\s+operation\s+hash/);
    expect(lines[1]).toMatch(
      /^2026-11-01 00:00:00\.000\s+V-0000001\s+volunteer\s+-\s+query\s+Op2\s+222222222222\s+volunteers\s+-\s+ok\s+200\s+12\s+req-2\s+10\.0\.0\.7$/,
    );
    expect(lines[2]).toContain('FORBIDDEN');
    expect(lines.at(-1)).toBe('2 records');
    expect(formatAuditTrail({ entries: [], total: 0 })).toBe('No record in this period.');
  });
});
