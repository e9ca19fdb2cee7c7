import { describe, expect, it } from 'vitest';
import { EnvError } from '@sahem/kit';
import { gatewayEnv } from '../src/env.ts';

describe("the audit trail's configuration", () => {
  it('defaults to the embedded server on 5436, migrated at start', () => {
    const env = gatewayEnv({});
    expect(env.GATEWAY_DATABASE_URL).toBeUndefined();
    expect(env.GATEWAY_PG_PORT).toBe(5436);
    expect(env.GATEWAY_DATABASE_MIGRATE).toBe(true);
  });

  it('takes a PostgreSQL URL and the migrate switch', () => {
    const env = gatewayEnv({
      GATEWAY_DATABASE_URL: 'postgresql://gw:secret@db.internal:5432/gateway',
      GATEWAY_DATABASE_MIGRATE: 'false',
    });
    expect(env.GATEWAY_DATABASE_URL).toBe('postgresql://gw:secret@db.internal:5432/gateway');
    expect(env.GATEWAY_DATABASE_MIGRATE).toBe(false);
  });

  it.each([
    [{ GATEWAY_DATABASE_URL: 'http://db.internal/gateway' }, 'GATEWAY_DATABASE_URL'],
    [{ GATEWAY_PG_PORT: '70000' }, 'GATEWAY_PG_PORT'],
    [{ GATEWAY_DATABASE_MIGRATE: 'maybe' }, 'GATEWAY_DATABASE_MIGRATE'],
    [
      { SAHEM_PRODUCTION: 'true', GATEWAY_JWKS_URL: 'https://idp.gov.sa/jwks.json' },
      'GATEWAY_DATABASE_URL is required in production',
    ],
    [
      {
        SAHEM_PRODUCTION: 'true',
        GATEWAY_JWKS_URL: 'https://idp.gov.sa/jwks.json',
        GATEWAY_DATABASE_URL: 'postgresql://gw@db.internal/gateway',
        GATEWAY_AUDIT: 'off',
      },
      'GATEWAY_AUDIT=off is refused in production',
    ],
  ])('refuses %o naming %s', (source, message) => {
    expect(() => gatewayEnv(source)).toThrow(EnvError);
    expect(() => gatewayEnv(source)).toThrow(message);
  });
});
