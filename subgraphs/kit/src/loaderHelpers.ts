/**
 * Orders batch results as DataLoader requires: one entry per key, in key order, `null` where
 * nothing was found.
 */
export function byKeys<K, V>(
  keys: readonly K[],
  rows: readonly V[],
  keyOf: (row: V) => K,
): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** Groups batch results per key, in key order, `[]` where nothing was found. */
export function groupByKeys<K, V>(
  keys: readonly K[],
  rows: readonly V[],
  keyOf: (row: V) => K,
): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Splits a batch of `{ id, …params }` keys into groups sharing the same params (a period, a
 * filter), so a loader can answer each group with one statement: a batch of 1,000 volunteers
 * asking for `verifiedHours(period: "2026")` is one query, not 1,000.
 */
export async function batchByParams<Key extends { id: string }, V>(
  keys: readonly Key[],
  load: (ids: string[], params: Omit<Key, 'id'>) => Promise<Map<string, V>>,
  missing: V,
): Promise<V[]> {
  const groups = new Map<string, { params: Omit<Key, 'id'>; ids: Set<string> }>();
  for (const { id, ...params } of keys) {
    const signature = JSON.stringify(params);
    const group = groups.get(signature) ?? { params, ids: new Set<string>() };
    group.ids.add(id);
    groups.set(signature, group);
  }
  const results = new Map<string, Map<string, V>>();
  await Promise.all(
    [...groups].map(async ([signature, group]) => {
      results.set(signature, await load([...group.ids], group.params));
    }),
  );
  return keys.map(({ id, ...params }) => results.get(JSON.stringify(params))?.get(id) ?? missing);
}
