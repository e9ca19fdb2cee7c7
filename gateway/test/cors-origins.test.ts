import { describe, expect, it } from 'vitest';
import { gatewayEnv } from '../src/env.ts';
import { allowsOrigin, corsOrigins } from '../src/web/corsOrigins.ts';

const parse = corsOrigins('test').parse;

describe('GATEWAY_CORS_ORIGINS', () => {
  it.each([
    ['*', '*'],
    [' * ', '*'],
    ['https://analytics.example.sa', ['https://analytics.example.sa']],
    [
      'https://a.example.sa, http://localhost:5173',
      ['https://a.example.sa', 'http://localhost:5173'],
    ],
  ])('reads %j', (raw, expected) => {
    expect(parse(raw)).toEqual(expected);
  });

  it.each([
    [
      'a path',
      'https://a.example.sa/app',
      /write the scheme, host and port only, as https:\/\/a.example.sa/,
    ],
    ['a trailing slash', 'https://a.example.sa/', /as https:\/\/a.example.sa/],
    ['no scheme', 'a.example.sa', /not an origin/],
    ['another scheme', 'ftp://a.example.sa', /not an origin/],
  ])('refuses %s, naming the variable', (_, raw, message) => {
    expect(() => parse(raw)).toThrow(message);
    expect(() => gatewayEnv({ GATEWAY_CORS_ORIGINS: raw })).toThrow(/GATEWAY_CORS_ORIGINS=/);
  });
});

describe('allowsOrigin', () => {
  it.each([
    ['http://localhost:5173', undefined, false, true],
    ['http://127.0.0.1:8080', undefined, false, true],
    ['http://[::1]:3000', undefined, false, true],
    ['https://localhost:5173', undefined, false, false],
    ['http://localhost.example.com', undefined, false, false],
    ['http://localhost:5173', undefined, true, false],
    ['https://a.example.sa', ['https://a.example.sa'], true, true],
    ['https://b.example.sa', ['https://a.example.sa'], true, false],
    ['http://localhost:5173', ['https://a.example.sa'], false, false],
    ['https://anyone.example.org', '*', true, true],
  ] as const)('%s with %j (production %s): %s', (origin, allowed, production, expected) => {
    expect(allowsOrigin(origin, allowed, production)).toBe(expected);
  });
});

describe('explorer and dashboard switches', () => {
  it.each([
    [{}, true, true],
    [
      {
        SAHEM_PRODUCTION: 'true',
        GATEWAY_JWKS_URL: 'https://idp.example.sa/jwks',
        GATEWAY_DATABASE_URL: 'postgresql://x@h/db',
      },
      false,
      true,
    ],
    [
      {
        SAHEM_PRODUCTION: 'true',
        GATEWAY_JWKS_URL: 'https://idp.example.sa/jwks',
        GATEWAY_DATABASE_URL: 'postgresql://x@h/db',
        GATEWAY_EXPLORER: 'true',
      },
      true,
      true,
    ],
    [{ GATEWAY_EXPLORER: 'false', GATEWAY_DASHBOARD: 'false' }, false, false],
  ])('%j: explorer %s, dashboard %s', (source, explorer, dashboard) => {
    const env = gatewayEnv(source);
    expect(env.GATEWAY_EXPLORER).toBe(explorer);
    expect(env.GATEWAY_DASHBOARD).toBe(dashboard);
  });
});
