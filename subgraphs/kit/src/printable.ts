// Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides
// (which make a log line read differently from what it holds) and lone UTF-16 surrogates
// (which no UTF-8 store can keep).
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/**
 * `text` made safe to write where people and databases read it (log lines, the audit trail):
 * every control or invisible formatting character becomes its `\uXXXX` escape, so a NUL that
 * PostgreSQL refuses, a newline that forges a second log line or an ANSI sequence that repaints
 * a terminal stays visible as what it was and does nothing. Longer than `maxLength`, it is cut
 * and ends with `…`.
 */
export function printable(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const escaped = text.replace(
    UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > maxLength ? `${escaped.slice(0, Math.max(0, maxLength - 1))}…` : escaped;
}
