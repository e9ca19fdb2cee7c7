import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError } from '@sahem/kit';
import { gatewayEnv } from '../src/env.ts';
import { readPersistedDocumentsManifest } from '../src/trustedDocuments/readPersistedDocumentsManifest.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sahem-manifest-'));
const write = (content: string) => {
  const file = path.join(dir, `${Math.random()}.json`);
  writeFileSync(file, content);
  return file;
};
const hash = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');
const TEXT = 'query Agencies { agencies { code } }';

describe('persisted documents configuration', () => {
  it('defaults to allow, with the manifest @sahem/client generates', () => {
    const env = gatewayEnv({});
    expect(env.GATEWAY_PERSISTED_DOCUMENTS).toBe('allow');
    expect(env.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST).toMatch(
      /client\/src\/__generated__\/persisted-documents\.json$/,
    );
    expect(
      readPersistedDocumentsManifest(env.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST).size,
    ).toBeGreaterThanOrEqual(11);
  });

  it('takes each mode and refuses any other word, naming the variable', () => {
    expect(gatewayEnv({ GATEWAY_PERSISTED_DOCUMENTS: 'enforce' }).GATEWAY_PERSISTED_DOCUMENTS).toBe(
      'enforce',
    );
    expect(() => gatewayEnv({ GATEWAY_PERSISTED_DOCUMENTS: 'strict' })).toThrow(EnvError);
    expect(() => gatewayEnv({ GATEWAY_PERSISTED_DOCUMENTS: 'strict' })).toThrow(
      /GATEWAY_PERSISTED_DOCUMENTS="strict": expected one of off, allow, enforce/,
    );
  });
});

describe('readPersistedDocumentsManifest', () => {
  it('reads hash → text', () => {
    const manifest = readPersistedDocumentsManifest(
      write(JSON.stringify({ [hash('sha256', TEXT)]: TEXT })),
    );
    expect([...manifest]).toEqual([[hash('sha256', TEXT), TEXT]]);
  });

  it('reads an Apollo persisted query list', () => {
    const file = write(
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: hash('sha256', TEXT), name: 'Agencies', type: 'query', body: TEXT }],
      }),
    );
    expect([...readPersistedDocumentsManifest(file)]).toEqual([[hash('sha256', TEXT), TEXT]]);
  });

  it.each([
    ['a missing file', path.join(dir, 'absent.json'), /did not load/],
    ['a file that is not JSON', write('{'), /did not load/],
    [
      'a list',
      write('[]'),
      /neither a JSON object of hash → text nor an Apollo persisted query list/,
    ],
    ['sha1 hashes', write(JSON.stringify({ [hash('sha1', TEXT)]: TEXT })), /not a sha256 hash/],
    [
      'a text edited after hashing',
      write(JSON.stringify({ [hash('sha256', TEXT)]: `${TEXT} ` })),
      /not the sha256 of its text/,
    ],
    [
      'an Apollo list of another version',
      write(
        JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }),
      ),
      /version 2 is not supported/,
    ],
    [
      'an unknown format',
      write(JSON.stringify({ format: 'relay', operations: [] })),
      /format "relay" .* is not supported/,
    ],
    [
      'an Apollo list with ids that are not the sha256 of the body',
      write(
        JSON.stringify({
          format: 'apollo-persisted-query-manifest',
          version: 1,
          operations: [
            { id: hash('sha256', 'other'), name: 'Agencies', type: 'query', body: TEXT },
          ],
        }),
      ),
      /not the sha256 of its text/,
    ],
  ])('refuses %s', (_, file, message) => {
    expect(() => readPersistedDocumentsManifest(file)).toThrow(message);
  });
});
