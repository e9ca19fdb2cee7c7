import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import { aVolunteer, REGISTER } from './fixtures.ts';
import {
  startVolunteersServer,
  useVolunteersSubgraph,
  type VolunteersServer,
} from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph({ production: true });

const VOLUNTEER_IDS = /* GraphQL */ `
  {
    volunteers {
      edges {
        node {
          id
        }
      }
    }
  }
`;

let broken: VolunteersServer | undefined;

afterEach(async () => {
  await broken?.stop();
  broken = undefined;
  vi.restoreAllMocks();
});

/** A server whose database has gone away: its connection pool is closed before any request. */
async function serverWithoutDatabase(options: { production: boolean }): Promise<VolunteersServer> {
  broken = await startVolunteersServer(subgraph.url, options);
  await broken.db.close();
  return broken;
}

/** Silences and records what the server logs for operators. */
const operatorLog = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

describe('masking internal errors', () => {
  it('in production, answers a database failure with a generic error and logs the cause', async () => {
    const log = operatorLog();
    const server = await serverWithoutDatabase({ production: true });

    const result = await server.run(VOLUNTEER_IDS);

    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['volunteers'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(log).toHaveBeenCalledTimes(1);
    // One line, the cause and where it was thrown, control characters escaped.
    const line = String(log.mock.calls[0]![0]);
    expect(line).toMatch(/^Error: Cannot use a pool after calling end/);
    // eslint-disable-next-line no-control-regex -- no control character may reach the log
    expect(line).not.toMatch(/[\n\r\u0000-\u001f]/);
  });

  it('in development, shows the cause of a database failure', async () => {
    const log = operatorLog();
    const server = await serverWithoutDatabase({ production: false });

    const result = await server.run(VOLUNTEER_IDS);

    const [error] = result.errors ?? [];
    const cause = String(log.mock.calls[0]![0]);
    expect(cause).toContain(error!.message);
    expect(error?.message).not.toBe('Internal server error');
    expect(error?.extensions?.stacktrace).toBeDefined();
  });

  it('in production, still tells the client which field it got wrong', async () => {
    const log = operatorLog();
    const email = 'not-an-email';

    const result = await subgraph.run(REGISTER, { input: aVolunteer({ email }) });

    const error = expectGraphQLError(result, 'BAD_USER_INPUT', 'input.email');
    expect(error.message).toContain(email);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(log).not.toHaveBeenCalled();
  });
});
