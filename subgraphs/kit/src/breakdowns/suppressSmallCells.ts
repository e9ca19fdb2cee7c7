/**
 * Small-cell suppression of breakdowns, shared by the programs subgraph (whose cells are final
 * when one instance holds every agency, or the breakdown is one agency's) and the gateway
 * (which sees the national cell only after merging the agencies' answers): one rule, one code.
 */

/** The threshold when `SAHEM_SMALL_CELL_THRESHOLD` is unset. */
export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

/** One cell of a breakdown: its key (see {@link breakdownCellKey}) and its distinct count. */
export interface CountedCell {
  key: string;
  /** Distinct active volunteers of the cell (after merging across agencies). */
  count: number;
}

/**
 * The key of a cell from its dimension values, in the order asked: `AGENCY=SCD|REGION=SA-01`.
 * Codes hold neither `=` nor `|`, so the key parses back into its values.
 */
export function breakdownCellKey(values: readonly (readonly [string, string])[]): string {
  return values.map(([dimension, value]) => `${dimension}=${value}`).join('|');
}

const valuesOf = (key: string): [string, string][] =>
  key.split('|').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at), part.slice(at + 1)];
  });

/**
 * The keys of the cells to suppress. Primary: a cell counting fewer than `threshold` distinct
 * volunteers, but at least one. Complementary: in every line of the table (the cells sharing the values of all
 * dimensions but one: the whole list for one dimension, each row and each column for two), a
 * line with exactly one suppressed cell also loses another, since the line's total (published
 * as the period's figure, or the other breakdown's margin) minus the cells shown would reveal
 * the one. The other is chosen, in turn, among the line's shown cells: first one that also
 * mends a crossing line left with exactly one (so one cell hides two), then the smallest, then
 * by key. Lines are taken in the order of their first cell's key, rows before columns, again
 * until no line has exactly one. A line whose only cell is suppressed has no other to give.
 */
export function suppressSmallCells(cells: readonly CountedCell[], threshold: number): Set<string> {
  const suppressed = new Set(
    // A cell of nobody (programs without counted hours) identifies nobody.
    cells.filter((cell) => cell.count > 0 && cell.count < threshold).map((cell) => cell.key),
  );
  const lines = new Map<string, CountedCell[]>();
  const linesOf = new Map<string, string[]>();
  for (const cell of [...cells].sort(byKey)) {
    const values = valuesOf(cell.key);
    // A line along one dimension: the values of every other dimension fix it. Along the last
    // dimension first: for two, the rows (first dimension fixed) before the columns.
    for (let along = values.length - 1; along >= 0; along -= 1) {
      const id = `${along}:${values
        .filter((_, i) => i !== along)
        .map(([, value]) => value)
        .join('|')}`;
      lines.set(id, [...(lines.get(id) ?? []), cell]);
      linesOf.set(cell.key, [...(linesOf.get(cell.key) ?? []), id]);
    }
  }
  const hiddenIn = (id: string) => lines.get(id)!.filter((cell) => suppressed.has(cell.key)).length;
  const mendsAnother = (cell: CountedCell, line: string) =>
    linesOf.get(cell.key)!.some((other) => other !== line && hiddenIn(other) === 1);
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, line] of lines) {
      if (hiddenIn(id) !== 1) continue;
      const next = line
        .filter((cell) => !suppressed.has(cell.key))
        .sort(
          (a, b) =>
            Number(mendsAnother(b, id)) - Number(mendsAnother(a, id)) ||
            a.count - b.count ||
            byKey(a, b),
        )[0];
      if (next) {
        suppressed.add(next.key);
        changed = true;
      }
    }
  }
  return suppressed;
}

const byKey = (a: CountedCell, b: CountedCell) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
