import { BAD_USER_INPUT, suppressSmallCells } from '@sahem/kit';
import type { Context } from '../context.ts';
import type { BreakdownCellRow, BreakdownDimension } from './breakdownCells.ts';
import type { BreakdownKey } from './breakdownLoader.ts';

/** A cell as the API answers it: suppressed cells keep their dimensions, not their figures. */
export type BreakdownCellModel = Omit<BreakdownCellRow, 'activeVolunteers' | 'verifiedHours'> & {
  activeVolunteers: number | null;
  verifiedHours: number | null;
  suppressed: boolean;
};

/** A suppressed cell: its dimensions, no figure. */
const withheld = {
  activeVolunteers: null,
  verifiedHours: null,
  beneficiaries: null,
  programsRun: null,
  suppressed: true,
} as const;

/** The most dimensions one breakdown takes: a table, not a cube (its cells would be tiny). */
export const MAX_BREAKDOWN_DIMENSIONS = 2;

/** The dimensions asked, checked: one or two, each once. */
export function breakdownDimensions(by: readonly BreakdownDimension[]): BreakdownDimension[] {
  if (by.length === 0 || by.length > MAX_BREAKDOWN_DIMENSIONS || new Set(by).size !== by.length) {
    throw BAD_USER_INPUT.err(
      `A breakdown takes one or two different dimensions (by: [AGENCY, REGION]); got [${by.join(', ')}].`,
    );
  }
  return [...by];
}

/**
 * The `breakdown(by:)` field of a period entity. The cells are final where this instance holds
 * every record they count — one agency's breakdown (one instance holds an agency), or any
 * breakdown when it holds every agency (the single store) — and are then suppressed here, by the
 * rule the gateway applies after merging the instances' cells otherwise: the same function
 * (`suppressSmallCells`). Elsewhere the cells leave whole, for the gateway to merge and suppress.
 */
export function breakdownField<Parent extends { period: string }>(
  scope: BreakdownKey['scope'],
  codeOf: (parent: Parent) => string,
) {
  return async (
    parent: Parent,
    args: { by: readonly BreakdownDimension[] },
    { loaders, instance, smallCellThreshold }: Context,
  ): Promise<BreakdownCellModel[]> => {
    const by = breakdownDimensions(args.by);
    const cells = await loaders.breakdown.load({
      scope,
      id: codeOf(parent),
      period: parent.period,
      by,
    });
    const final = scope === 'agencyCode' || instance.whole;
    const suppressed = final
      ? suppressSmallCells(
          cells.map((cell) => ({ key: cell.key, count: cell.activeVolunteers })),
          smallCellThreshold,
        )
      : new Set<string>();
    return cells.map((cell) =>
      suppressed.has(cell.key) ? { ...cell, ...withheld } : { ...cell, suppressed: false },
    );
  };
}
