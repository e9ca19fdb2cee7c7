import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readServiceTokens } from '../src/cells/readServiceTokens.ts';

const dirs: string[] = [];
const aFile = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'sahem-tokens-'));
  dirs.push(dir);
  return path.join(dir, 'token');
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the service token file of the cell sync', () => {
  it.each<[string, string, string[]]>([
    ['one token', 'aaa.bbb.ccc\n', ['aaa.bbb.ccc']],
    [
      'one per agency, blank lines and comments skipped',
      '# SCD\naaa.b.c\n\n  # SEC\n ddd.e.f \n',
      ['aaa.b.c', 'ddd.e.f'],
    ],
    ['no newline at the end, CRLF', 'aaa.b.c\r\nddd.e.f', ['aaa.b.c', 'ddd.e.f']],
    ['nothing', '\n\n', []],
  ])('reads %s', async (_, text, tokens) => {
    const file = await aFile();
    await writeFile(file, text);
    expect(await readServiceTokens(file)).toEqual(tokens);
  });

  it('reads the file again on every call, so a renewed token is used', async () => {
    const file = await aFile();
    await writeFile(file, 'old.t.k\n');
    expect(await readServiceTokens(file)).toEqual(['old.t.k']);
    await writeFile(file, 'new.t.k\n');
    expect(await readServiceTokens(file)).toEqual(['new.t.k']);
  });

  it('reads no token from a file that is not there (the optional secret not created yet)', async () => {
    expect(await readServiceTokens(await aFile())).toEqual([]);
  });

  it('still fails on a file it may not read', async () => {
    const file = await aFile();
    await writeFile(file, 'x.y.z\n');
    // A folder where the file should be: a broken mount, not an absent secret.
    await expect(readServiceTokens(path.dirname(file))).rejects.toThrow(/EISDIR/);
  });
});
