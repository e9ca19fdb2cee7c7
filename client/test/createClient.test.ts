import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createClient,
  LogHoursDocument,
  ProgramDetailDocument,
  ReferenceDataDocument,
  SahemGraphQLError,
  SahemHttpError,
  SearchVolunteersDocument,
  type ProgramDetailQuery,
  type ReferenceDataQuery,
} from '../src/index.ts';

// A stand-in HTTP endpoint that answers what each test needs and records what the client sent:
// it exercises the client's wire format and failure handling without a whole graph.
let answer: { status: number; type: string; body: string };
const received: { headers: IncomingHttpHeaders; body: any }[] = [];
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body: JSON.parse(raw) });
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
});
let url: string;
const reply = (status: number, body: unknown, type = 'application/json') =>
  (answer = { status, type, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createClient', () => {
  it('posts the operation text, variables and bearer token, and returns data', async () => {
    reply(200, { data: { program: null } });
    const result = await createClient({ url, token: 'jwt-1' }).request(ProgramDetailDocument, {
      id: 'SCD-00001',
    });
    expect(result).toEqual({ program: null });
    const sent = received.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer jwt-1');
    expect(sent.body).toMatchObject({
      operationName: 'ProgramDetail',
      variables: { id: 'SCD-00001' },
      query: expect.stringMatching(/^query ProgramDetail\(\$id: ID!\) \{ program\(id: \$id\)/),
    });
    expect(sent.body.extensions).toBeUndefined();
  });

  it('sends only the hash in persisted mode, and asks for a fresh token each time', async () => {
    reply(200, { data: { agencies: [], regions: [], skills: [] } });
    let calls = 0;
    const persisted = createClient({ url, persisted: true, token: async () => `t${++calls}` });
    await persisted.request(ReferenceDataDocument);
    await persisted.request(ReferenceDataDocument);
    const sent = received.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer t2');
    expect(sent.body).toEqual({
      operationName: 'ReferenceData',
      extensions: {
        persistedQuery: {
          version: 1,
          sha256Hash: (ReferenceDataDocument as { __meta__?: { hash: string } }).__meta__!.hash,
        },
      },
    });
  });

  it('raises GraphQL errors as a SahemGraphQLError with their codes', async () => {
    const errors = [
      {
        message: 'hours must be at most 24',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.hours' },
      },
    ];
    reply(200, { data: null, errors });
    const request = createClient({ url }).request(LogHoursDocument, {
      input: { participationId: 'p', date: '2026-06-01', hours: 30, activity: 'x' },
    });
    const error = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SahemGraphQLError);
    expect(error).toMatchObject({
      operationName: 'LogHours',
      errors,
      codes: ['BAD_USER_INPUT'],
      status: 200,
      message: 'LogHours: hours must be at most 24',
    });
    expect((error as SahemGraphQLError).hasCode('BAD_USER_INPUT')).toBe(true);
  });

  it('raises an HTTP failure without a GraphQL body as a SahemHttpError', async () => {
    reply(502, '<html>Bad gateway</html>', 'text/html');
    const error = await createClient({ url })
      .request(ReferenceDataDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SahemHttpError);
    expect(error).toMatchObject({ status: 502, body: '<html>Bad gateway</html>' });
  });

  it('raises an unreachable gateway as a SahemHttpError without a status', async () => {
    const error = await createClient({ url: 'http://127.0.0.1:1/graphql' })
      .request(ReferenceDataDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SahemHttpError);
    expect(error).toMatchObject({ status: null, operationName: 'ReferenceData' });
  });

  it('types results from the document and requires exactly the required variables', () => {
    const typed = createClient({ url });
    // Only type-checked (npm run typecheck): never sent.
    const _unused = () => {
      expectTypeOf(
        typed.request(ReferenceDataDocument),
      ).resolves.toEqualTypeOf<ReferenceDataQuery>();
      expectTypeOf(
        typed.request(ProgramDetailDocument, { id: 'SCD-00001' }),
      ).resolves.toEqualTypeOf<ProgramDetailQuery>();
      void typed.request(SearchVolunteersDocument);
      void typed.request(SearchVolunteersDocument, { filter: { regionCode: 'SA-01' }, first: 10 });
      // @ts-expect-error: ProgramDetail has a required $id
      void typed.request(ProgramDetailDocument);
      // @ts-expect-error: $id is an ID (string)
      void typed.request(ProgramDetailDocument, { id: 42 });
      // @ts-expect-error: no such variable
      void typed.request(ProgramDetailDocument, { id: 'SCD-00001', extra: true });
      // @ts-expect-error: ReferenceData takes no variables
      void typed.request(ReferenceDataDocument, { id: 'x' });
    };
    expect(_unused).toBeTypeOf('function');
  });
});
