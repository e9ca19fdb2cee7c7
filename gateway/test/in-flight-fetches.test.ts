import { describe, expect, it } from 'vitest';
import { inFlightFetches } from '../src/caching/inFlightFetches.ts';

// The table of fetches in flight, driven with real Responses and promises the test settles.
const read = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const timeout = () => new Error('deadline');
const later = () => Date.now() + 5_000;

function deferred() {
  let resolve!: (response: Response) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<Response>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('inFlightFetches', () => {
  it('sends once for a key in flight and gives every waiter its own copy of the answer', async () => {
    const joined: string[] = [];
    const table = inFlightFetches({ joined: (subgraph) => joined.push(subgraph) });
    const upstream = deferred();
    let sent = 0;
    const send = () => (sent++, upstream.promise);
    const answers = [1, 2, 3].map(() => table.fetch('programs', 'k', send, read, later(), timeout));
    expect(table.size).toBe(1);
    upstream.resolve(
      new Response('{"data":1}', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const responses = await Promise.all(answers);
    expect(sent).toBe(1);
    expect(joined).toEqual(['programs', 'programs']);
    for (const response of responses) {
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('{"data":1}');
    }
    expect(table.size).toBe(0);
  });

  it('keeps different keys apart', async () => {
    const table = inFlightFetches();
    let sent = 0;
    const send = async () => (sent++, new Response('x'));
    await Promise.all([
      table.fetch('s', 'a', send, read, later(), timeout),
      table.fetch('s', 'b', send, read, later(), timeout),
    ]);
    expect(sent).toBe(2);
  });

  it('fails every waiter when the one fetch fails, and forgets it', async () => {
    const table = inFlightFetches();
    const upstream = deferred();
    const first = table.fetch('s', 'k', () => upstream.promise, read, later(), timeout);
    const second = table.fetch('s', 'k', () => upstream.promise, read, later(), timeout);
    upstream.reject(new Error('unreachable'));
    await expect(first).rejects.toThrow('unreachable');
    await expect(second).rejects.toThrow('unreachable');
    expect(table.size).toBe(0);
  });

  it('lets a waiter give up at its own deadline while the fetch goes on for the sender', async () => {
    const table = inFlightFetches();
    const upstream = deferred();
    const sender = table.fetch('s', 'k', () => upstream.promise, read, later(), timeout);
    const waiter = table.fetch('s', 'k', () => upstream.promise, read, Date.now() + 30, timeout);
    await expect(waiter).rejects.toThrow('deadline');
    upstream.resolve(new Response('late'));
    expect(await (await sender).text()).toBe('late');
  });
});
