import type { Removal, Step } from './authorizeOperation.ts';
import { PLACEHOLDER } from './authorizeOperation.ts';

/** A FORBIDDEN error as it goes into the response. */
export interface ForbiddenError {
  message: string;
  path: (string | number)[];
  extensions: { code: 'FORBIDDEN' };
}

type Json = Record<string, unknown>;

/**
 * Puts the removed fields back into the response as GraphQL would have reported a failing
 * field: a FORBIDDEN error at each concrete path (list indices filled in), and null at the
 * field or, where it is non-null, at its nearest nullable ancestor. Returns the new `data`.
 */
export function applyRemovals(
  data: Json | null | undefined,
  removals: readonly Removal[],
  placeholders: readonly Step[][],
): { data: Json | null; errors: ForbiddenError[] } {
  if (!data) return { data: data ?? null, errors: [] };
  const errors: ForbiddenError[] = [];
  // Errors first, while the data still has every container the paths go through.
  for (const removal of removals) {
    const parents = removal.steps.slice(0, -1);
    const last = removal.steps.at(-1) as Extract<Step, { kind: 'field' }>;
    for (const { path } of reach(data, parents)) {
      errors.push({
        message: `Not authorized to see ${removal.coordinate}: ${removal.reason}.`,
        path: [...path, last.key],
        extensions: { code: 'FORBIDDEN' },
      });
    }
  }
  let result: Json | null = data;
  for (const removal of removals) {
    if (removal.target < 0) {
      result = null;
      break;
    }
    const target = removal.steps[removal.target]!;
    for (const { value } of reach(result, removal.steps.slice(0, removal.target))) {
      setNull(value, target);
    }
  }
  if (result) {
    for (const path of placeholders) {
      for (const { value } of reach(result, path)) {
        if (value && typeof value === 'object' && !Array.isArray(value))
          delete (value as Json)[PLACEHOLDER];
      }
    }
  }
  return { data: result, errors };
}

/** Every value reached by following `steps` from `root`, with its concrete path. */
function* reach(
  root: unknown,
  steps: readonly Step[],
): Generator<{ value: unknown; path: (string | number)[] }> {
  const walk = function* (
    value: unknown,
    index: number,
    path: (string | number)[],
  ): Generator<{ value: unknown; path: (string | number)[] }> {
    if (value === null || value === undefined) return;
    if (index === steps.length) {
      yield { value, path };
      return;
    }
    const step = steps[index]!;
    if (step.kind === 'field') {
      if (typeof value === 'object' && !Array.isArray(value)) {
        yield* walk((value as Json)[step.key], index + 1, [...path, step.key]);
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield* walk(value[i], index + 1, [...path, i]);
    }
  };
  yield* walk(root, 0, []);
}

/** Nulls the value `step` leads to inside `container` (an object's field, or a list's items). */
function setNull(container: unknown, step: Step): void {
  if (step.kind === 'field') {
    if (container && typeof container === 'object' && !Array.isArray(container)) {
      (container as Json)[step.key] = null;
    }
  } else if (Array.isArray(container)) {
    container.fill(null);
  }
}
