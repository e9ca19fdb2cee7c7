import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';

/** Header values as undici reports them: lower-case names, repeated headers as arrays. */
type RawHeaders = Record<string, string | string[] | undefined>;

/** The read-only part of `Headers` the gateway and `@apollo/gateway` use, over undici's object. */
class ResponseHeaders {
  readonly #raw: RawHeaders;
  constructor(raw: RawHeaders) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.#raw)) {
      const value = this.get(name);
      if (value !== null) callback(value, name);
    }
  }
}

/**
 * A subgraph's answer as the gateway's transport (`subgraphFetch`) returns it: the parts of a
 * `Response` the gateway and `@apollo/gateway` read, over undici's Node stream. No WHATWG
 * `Response`, `Headers` or `ReadableStream` is built: those cost more CPU per fetch than
 * everything else the gateway does with a subgraph's answer (measured in README, "Gateway CPU").
 * The body is read at most once, by {@link SubgraphResponse.bytesUpTo} (bounded) or by
 * `text()`/`json()`.
 */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: ResponseHeaders;
  readonly redirected = false;
  /** What `instancePolicy` calls on an answer it drops (`body?.cancel()`): frees the connection. */
  readonly body: { cancel(): Promise<void> };
  readonly #stream: Readable;
  readonly #done: (() => void)[] = [];
  /** Why the body failed, when it failed before (or while) anyone read it. */
  #failure: Error | undefined;

  constructor(url: string, status: number, headers: RawHeaders, stream: Readable) {
    this.ok = status >= 200 && status < 300;
    this.status = status;
    this.statusText = STATUS_CODES[status] ?? '';
    this.url = url;
    this.headers = new ResponseHeaders(headers);
    this.#stream = stream;
    this.body = { cancel: async () => this.#release() };
    const settle = () => {
      for (const callback of this.#done.splice(0)) callback();
    };
    stream.once('end', settle);
    stream.once('close', settle);
    // Between the headers and the read there are awaits (the policy, de-duplication): a body
    // that fails meanwhile (connection reset, deadline) must neither crash the process as an
    // unhandled 'error' nor leave its reader waiting for events that were already emitted.
    stream.on('error', (error: Error) => (this.#failure ??= error));
  }

  /**
   * Stops reading and closes the connection. undici reports a body destroyed before its end as
   * an `UND_ERR_ABORTED` error event: nobody reads it any more, so it is let go.
   */
  #release(): void {
    this.#stream.destroy();
  }

  /** Calls `callback` once the body has been read to its end, or released. */
  whenDone(callback: () => void): void {
    if (this.#stream.readableEnded || this.#stream.destroyed) callback();
    else this.#done.push(callback);
  }

  /**
   * The whole body, or `undefined` as soon as it passes `max` bytes (the rest is not read and the
   * connection is closed), so that a subgraph cannot make the gateway buffer an unbounded answer.
   */
  async bytesUpTo(max: number): Promise<Uint8Array | undefined> {
    const stream = this.#stream;
    if (this.#failure) throw this.#failure;
    if (stream.destroyed || stream.readableEnded) {
      throw new Error('The subgraph response body was already read or released.');
    }
    // Events rather than `for await`: the async iterator costs a promise and a microtask per chunk.
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= max) {
          chunks.push(chunk);
          return;
        }
        stream.off('data', onData);
        stream.off('error', reject);
        stream.off('close', closed);
        this.#release();
        resolve(undefined);
      };
      // Closed without its end: destroyed with no error of its own (released elsewhere).
      const closed = () =>
        reject(this.#failure ?? new Error('The subgraph response body was closed before its end.'));
      stream.on('data', onData);
      stream.once('error', reject);
      stream.once('close', closed);
      stream.once('end', () => {
        stream.off('close', closed);
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      });
    });
  }

  async text(): Promise<string> {
    const bytes = (await this.bytesUpTo(Number.POSITIVE_INFINITY))!;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}
