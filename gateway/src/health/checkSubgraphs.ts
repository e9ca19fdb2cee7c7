/** The headers a check of subgraph `name` sends with `body` (its caller token). */
export type CheckHeaders = (name: string, body: string) => Promise<Record<string, string>>;

/**
 * Asks every subgraph for `{ __typename }` (the query Apollo's own health check sends) and
 * reports `ok` or the reason each one failed. Runs them in parallel with a timeout each.
 */
export async function checkSubgraphs(
  urls: Record<string, string>,
  timeoutMs: number,
  headersFor: CheckHeaders = async () => ({}),
  send: typeof fetch = fetch,
): Promise<Record<string, string>> {
  const request = JSON.stringify({ query: '{ __typename }' });
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await headersFor(name, request)) },
          body: request,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = (await response.json()) as { data?: { __typename?: string } };
        return [
          name,
          response.ok && body.data?.__typename === 'Query' ? 'ok' : `HTTP ${response.status}`,
        ];
      } catch (error) {
        return [name, (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable'];
      }
    }),
  );
  return Object.fromEntries(entries);
}
