import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, CALLER_TOKEN_TYPE, callerAudience, requestDigest } from '@sahem/kit';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

// The insider: whoever operates one subgraph sees every request the gateway sends it. What it
// captures there must be worth nothing anywhere else, and nothing it could forge may open
// another subgraph's records.
let graph: Graph;
let gateway: RunningGateway;
const proxies: Record<'volunteers' | 'programs' | 'indicators', RecordingProxy> = {} as never;

const OFFICER = { role: 'agency_officer', subject: 'SCD-officer-01', agency: 'SCD' } as const;

beforeAll(async () => {
  graph = await startGraph();
  await loadFixture(graph);
  for (const name of ['volunteers', 'programs', 'indicators'] as const)
    proxies[name] = await startRecordingProxy(graph[name].url);
  gateway = await startGateway(
    {
      ...graph.identity,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: {
        volunteers: proxies.volunteers.url,
        programs: proxies.programs.url,
        indicators: proxies.indicators.url,
      },
      production: false,
      log: () => undefined,
    },
    { port: 0 },
  );
});
afterAll(async () => {
  await gateway?.stop();
  for (const proxy of Object.values(proxies)) await proxy?.close();
  await graph?.stop();
});

/** Asks the gateway as the officer, with the volunteer's personal data and their economic value. */
async function askAsOfficer() {
  const authorization = `Bearer ${await graph.token(OFFICER)}`;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      query: '{ volunteer(id: "V-0000001") { fullName economicValue { sar } } }',
    }),
  });
  return { authorization, body: (await response.json()) as any };
}

/** The last request one subgraph's operator saw: its caller token and body. */
const captured = (name: keyof typeof proxies) => ({
  token: proxies[name].requests.at(-1)![CALLER_HEADER] as string,
  body: proxies[name].bodies.at(-1)!,
});

/** Posts straight to a subgraph, going around the gateway as an insider would. */
async function direct(name: keyof typeof proxies, body: string, token: string) {
  const response = await fetch(graph[name].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: token },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const FORGED_REPRESENTATION = JSON.stringify({
  query:
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { fullName email } } }',
  variables: { r: [{ __typename: 'Volunteer', id: 'V-0000001', agencyCodes: ['SCD'] }] },
});

describe('what a subgraph operator receives', () => {
  it('is never the caller’s bearer token: only a caller token for that subgraph, bound to that request', async () => {
    const { authorization, body } = await askAsOfficer();
    expect(body.data.volunteer.fullName).toBeTruthy();
    for (const name of ['volunteers', 'programs', 'indicators'] as const) {
      const seen = proxies[name].requests.at(-1)!;
      expect(JSON.stringify(seen)).not.toContain(authorization.slice(7));
      expect(seen.authorization).toBeUndefined();
      const { token, body: sent } = captured(name);
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({
        aud: callerAudience(name),
        sub: 'SCD-officer-01',
        bdy: requestDigest(sent),
      });
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(10);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('a captured caller token', () => {
  it('is refused by every other subgraph (audience)', async () => {
    await askAsOfficer();
    const fromIndicators = captured('indicators');
    for (const name of ['volunteers', 'programs'] as const) {
      const answer = await direct(name, fromIndicators.body, fromIndicators.token);
      expect(answer.status).toBe(401);
      expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is refused with any other body by the subgraph it was meant for (binding)', async () => {
    await askAsOfficer();
    const fromVolunteers = captured('volunteers');
    const answer = await direct('volunteers', FORGED_REPRESENTATION, fromVolunteers.token);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].message).toMatch(/another request/);
    expect(JSON.stringify(answer.body)).not.toContain('نورة');
  });

  it('is refused when replayed, even unchanged, at the subgraph it was meant for', async () => {
    await askAsOfficer();
    const fromVolunteers = captured('volunteers');
    const answer = await direct('volunteers', fromVolunteers.body, fromVolunteers.token);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].message).toMatch(/already used/);
  });
});

describe('a token the insider makes', () => {
  const sign = (claims: Record<string, unknown>, lifetime: { iat: number; exp: number }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: graph.keys.gateway.kid, typ: CALLER_TOKEN_TYPE })
      .setIssuer('sahem-gateway')
      .setAudience(callerAudience('volunteers'))
      .setSubject('admin')
      .setJti(crypto.randomUUID())
      .setIssuedAt(lifetime.iat)
      .setExpirationTime(lifetime.exp)
      .sign(graph.keys.gateway.privateKey);
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    role: 'platform_admin',
    scope: 'pii:read volunteers:admin',
    bdy: requestDigest(FORGED_REPRESENTATION),
  });

  it.each([
    ['the user’s own bearer token', async () => graph.token(OFFICER)],
    [
      'a token of the identity provider’s kind',
      async () => graph.token({ role: 'platform_admin', subject: 'a' }),
    ],
  ])('is refused: %s', async (_, make) => {
    const answer = await direct('volunteers', FORGED_REPRESENTATION, await make());
    expect(answer.status).toBe(401);
  });

  // These are signed with the gateway's own key, as only a stolen key could: what stays is
  // the lifetime and the replay checks.
  it.each([
    ['expired', () => ({ iat: now() - 60, exp: now() - 30 })],
    ['living a minute, as tokens used to', () => ({ iat: now(), exp: now() + 60 })],
    ['issued in the future', () => ({ iat: now() + 60, exp: now() + 65 })],
  ])('is refused when %s, even with the gateway’s key', async (_, lifetime) => {
    const answer = await direct(
      'volunteers',
      FORGED_REPRESENTATION,
      await sign(claims(), lifetime()),
    );
    expect(answer.status).toBe(401);
  });
});

describe('a forged representation', () => {
  it('cannot open personal data: agencyCodes reach the row rule only inside a body the gateway signed', async () => {
    // Through the gateway, a client cannot send _entities at all.
    const authorization = `Bearer ${await graph.token({ role: 'agency_officer', subject: 'sec-1', agency: 'SEC' })}`;
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: FORGED_REPRESENTATION,
    });
    const answer = (await response.json()) as any;
    expect(response.status).toBe(400);
    expect(answer.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer)).not.toContain('نورة');
  });
});
