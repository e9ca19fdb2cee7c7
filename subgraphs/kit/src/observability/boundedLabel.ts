import { printable } from '../printable.ts';

/**
 * A label value a caller controls (an operation name), kept to a bounded set: the first `max`
 * distinct values are used as they are (made printable, at most 100 characters), any later one
 * becomes `__other__`, so nobody can grow the metrics without end by inventing names.
 */
export function boundedLabel(max: number): (value: string | undefined) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!value) return '__none__';
    const label = printable(value, 100);
    if (seen.has(label)) return label;
    if (seen.size >= max) return '__other__';
    seen.add(label);
    return label;
  };
}
