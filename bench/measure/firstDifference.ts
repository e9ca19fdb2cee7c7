/**
 * Where two GraphQL answers differ, as `agencies[0].period.verifiedHours: 12 ≠ 13`, or undefined
 * when they are equal. Objects compare by keys, whatever their order (gateways may order fields
 * differently); arrays in order. With a relative `tolerance`, numbers may differ by that
 * fraction of the larger one: the figures one instance per agency merges from HyperLogLog
 * sketches are estimates (0.81 % standard error) of the exact counts one instance gives.
 */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  tolerance = 0,
  path = '',
): string | undefined {
  const at = path || '(root)';
  if (typeof expected === 'number' && typeof actual === 'number') {
    const allowed = tolerance * Math.max(Math.abs(expected), Math.abs(actual));
    return Math.abs(expected - actual) <= allowed ? undefined : `${at}: ${expected} ≠ ${actual}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${at}: a list and not a list`;
    if (expected.length !== actual.length) {
      return `${at}: ${expected.length} items ≠ ${actual.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = firstDifference(expected[i], actual[i], tolerance, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      if (!(key in expected) || !(key in actual)) {
        return `${path ? `${path}.` : ''}${key}: present in one answer only`;
      }
      const found = firstDifference(
        expected[key],
        actual[key],
        tolerance,
        path ? `${path}.${key}` : key,
      );
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual)
    ? undefined
    : `${at}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
