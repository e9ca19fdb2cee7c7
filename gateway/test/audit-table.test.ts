import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import type { AuditRecord } from '../src/audit/AuditRecord.ts';
import { createAuditLog } from '../src/audit/createAuditLog.ts';
import { GATEWAY_MIGRATIONS } from '../src/audit/openAuditDatabase.ts';

let database: TestDatabase;
let sql: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase(GATEWAY_MIGRATIONS);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await database?.drop();
});
// Each test starts from an empty trail; only the owner of a test database may do this.
beforeEach(async () => {
  await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  await sql.query('TRUNCATE audit_log RESTART IDENTITY');
  await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
});

const record = (n: number, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  occurredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)),
  subject: `V-${String(n).padStart(7, '0')}`,
  role: 'volunteer',
  agency: null,
  operationName: `Op${n}`,
  operationHash: 'a'.repeat(64),
  operationType: 'query',
  subgraphs: ['programs', 'volunteers'],
  agenciesReturned: ['SCD'],
  ok: true,
  errorCodes: [],
  httpStatus: 200,
  requestId: `req-${n}`,
  clientIp: '127.0.0.1',
  durationMs: n,
  ...overrides,
});

const rowCount = async () =>
  Number((await sql.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);

describe('the audit log writer', () => {
  it('writes every field as given, lists and nulls included', async () => {
    const audit = createAuditLog({ databaseUrl: database.url });
    const odd = record(1, {
      subject: null,
      role: 'anonymous',
      agency: null,
      operationName: 'اسم "quoted", {braced} \\ back',
      operationHash: null,
      operationType: null,
      subgraphs: [],
      agenciesReturned: ['SCD', 'SRCA'],
      ok: false,
      errorCodes: ['GRAPHQL_PARSE_FAILED', 'FORBIDDEN'],
      httpStatus: 400,
      clientIp: null,
    });
    audit.record(odd);
    await audit.stop();
    const { rows } = await sql.query('SELECT * FROM audit_log');
    expect(rows).toEqual([
      {
        id: '1',
        occurred_at: odd.occurredAt,
        subject: null,
        role: 'anonymous',
        agency: null,
        operation_name: 'اسم "quoted", {braced} \\ back',
        operation_hash: null,
        operation_type: null,
        subgraphs: [],
        agencies_returned: ['SCD', 'SRCA'],
        ok: false,
        error_codes: ['GRAPHQL_PARSE_FAILED', 'FORBIDDEN'],
        http_status: 400,
        request_id: 'req-1',
        client_ip: null,
        duration_ms: 1,
        recorded_at: expect.any(Date),
      },
    ]);
  });

  it('writes in batches, one INSERT (one transaction) per batch, in the order queued', async () => {
    const audit = createAuditLog({
      databaseUrl: database.url,
      batchSize: 200,
      flushIntervalMs: 60_000,
    });
    for (let n = 0; n < 450; n++) audit.record(record(n));
    await audit.stop();
    // Rows written by one statement share its transaction id.
    const { rows } = await sql.query(
      `SELECT count(DISTINCT xmin::text) AS transactions, count(*) AS rows,
              bool_and(request_id = 'req-' || (id - 1)) AS in_order
         FROM audit_log`,
    );
    expect(rows[0]).toEqual({ transactions: '3', rows: '450', in_order: true });
  });

  it('sheds new work while the table is locked, never waits, and loses no record it took', async () => {
    const audit = createAuditLog({
      databaseUrl: database.url,
      maxQueue: 5,
      batchSize: 2,
      flushIntervalMs: 10,
    });
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
    // Each request holds a place when it starts, as the audit plugin does.
    const admitted = Array.from({ length: 30 }, () => audit.reserve());
    expect(admitted.filter(Boolean)).toHaveLength(5);
    expect(audit.healthy).toBe(false);
    for (let n = 0; n < 30; n++) audit.record(record(n), { reserved: true });
    expect(audit.pending).toBe(30);
    await blocker.query('COMMIT');
    await blocker.end();
    await audit.flush();
    expect(audit.healthy).toBe(true);
    await audit.stop();
    expect(await rowCount()).toBe(30);
  });

  it.each([
    ['a NUL', 'Op\u0000Evil', 'Op\\u0000Evil'],
    ['a newline and an ANSI escape', 'Op\n\u001b[31mforged', 'Op\\u000a\\u001b[31mforged'],
    ['a lone surrogate', 'Op\ud800', 'Op\\ud800'],
  ])(
    'writes an operation name with %s as its escape, and the records after it',
    async (_, name, kept) => {
      const audit = createAuditLog({ databaseUrl: database.url, flushIntervalMs: 10 });
      audit.record(record(1, { operationName: name }));
      audit.record(record(2));
      await audit.stop();
      const { rows } = await sql.query('SELECT operation_name FROM audit_log ORDER BY id');
      expect(rows.map((row) => row.operation_name)).toEqual([kept, 'Op2']);
    },
  );

  it('sets aside a record the database refuses, keeping it without its text, and writes the others', async () => {
    const log = vi.fn();
    // A rule the table enforces that one record breaks: the database's refusal is real.
    await sql.query(
      "ALTER TABLE audit_log ADD CONSTRAINT test_refuses_op7 CHECK (operation_name IS DISTINCT FROM 'Op7')",
    );
    try {
      const audit = createAuditLog({ databaseUrl: database.url, batchSize: 50, log });
      for (let n = 0; n < 20; n++) audit.record(record(n));
      await audit.flush();
      audit.record(record(20));
      await audit.stop();
      const { rows } = await sql.query(
        'SELECT request_id, operation_name, error_codes FROM audit_log ORDER BY request_id',
      );
      expect(rows).toHaveLength(21);
      const scrubbed = rows.find((row) => row.request_id === 'req-7');
      expect(scrubbed).toEqual({
        request_id: 'req-7',
        operation_name: null,
        error_codes: ['AUDIT_RECORD_SCRUBBED'],
      });
      expect(audit.stats.poisoned).toBe(1);
      expect(log.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(
        /req-7 kept without its text/,
      );
    } finally {
      await sql.query('ALTER TABLE audit_log DROP CONSTRAINT test_refuses_op7');
    }
  });

  it('retries a batch the database refused, and writes it once it can', async () => {
    const log = vi.fn();
    const audit = createAuditLog({ databaseUrl: database.url, flushIntervalMs: 10, log });
    await sql.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    for (let n = 0; n < 3; n++) audit.record(record(n));
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    await sql.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    await audit.stop();
    expect(await rowCount()).toBe(3);
    expect(log.mock.calls[0]![0]).toMatch(/writing 3 records failed.*audit_log.*does not exist/);
  });
});

describe('the audit_log table', () => {
  beforeEach(async () => {
    const audit = createAuditLog({ databaseUrl: database.url });
    audit.record(record(1));
    await audit.stop();
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET subject = 'someone-else'"],
    ['UPDATE', 'UPDATE audit_log SET ok = false WHERE false'],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s, even for its owner (%s)', async (operation, statement) => {
    await expect(sql.query(statement)).rejects.toMatchObject({
      code: '42501',
      message: `audit_log is append-only: ${operation} is not allowed`,
    });
    expect(await rowCount()).toBe(1);
  });

  it('is served by indexes on (occurred_at) and (subject, occurred_at)', async () => {
    const { rows } = await sql.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_log' ORDER BY indexname`,
    );
    expect(rows.map((row) => row.indexdef.replace(/^.* USING /, ''))).toEqual([
      'btree (occurred_at)',
      'btree (id)',
      'btree (subject, occurred_at)',
    ]);
  });

  it('can be written by a role granted only INSERT and SELECT, which may not change it', async () => {
    const role = `audit_writer_${randomBytes(4).toString('hex')}`;
    await sql.query(`CREATE ROLE ${role} LOGIN PASSWORD 'writer'`);
    try {
      await sql.query(`GRANT INSERT, SELECT ON audit_log TO ${role}`);
      const url = new URL(database.url);
      url.username = role;
      url.password = 'writer';
      const audit = createAuditLog({ databaseUrl: url.toString() });
      audit.record(record(2));
      await audit.stop();
      expect(await rowCount()).toBe(2);
      const writer = new pg.Client({ connectionString: url.toString() });
      await writer.connect();
      try {
        for (const statement of [
          'UPDATE audit_log SET ok = false',
          'DELETE FROM audit_log',
          'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only',
        ]) {
          await expect(writer.query(statement)).rejects.toMatchObject({ code: '42501' });
        }
      } finally {
        await writer.end();
      }
    } finally {
      await sql.query(`REVOKE ALL ON audit_log FROM ${role}`);
      await adminQuery(`DROP ROLE ${role}`);
    }
  });
});

/** Roles belong to the server, not to the test's database. */
async function adminQuery(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
