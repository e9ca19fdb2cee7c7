import DataLoader from 'dataloader';
import { parsePeriod, today } from '@sahem/kit';
import type { PrismaClient } from '../__generated__/prisma/client.ts';
import {
  breakdownCells,
  type BreakdownCellRow,
  type BreakdownDimension,
  type BreakdownRequest,
} from './breakdownCells.ts';

/** One breakdown asked: of an agency, region or the nation (`id`) in a period, by dimensions. */
export interface BreakdownKey {
  scope: BreakdownRequest['scope'];
  id: string;
  period: string;
  by: readonly BreakdownDimension[];
}

/**
 * The breakdowns of a request (`now` is the server's clock, by which programs have run): every key asking the same dimensions of the same kind of scope is
 * one statement, whatever its code and period (a trend of breakdowns too), so the statements are
 * bounded by the kinds of breakdown asked, never by the number of rows or cells.
 */
export function createBreakdownLoader(
  db: PrismaClient,
  held: readonly string[],
  sketchKey: string,
  withSketches: boolean,
  now: () => Date,
) {
  return new DataLoader<BreakdownKey, BreakdownCellRow[], string>(
    async (keys) => {
      const groups = new Map<string, BreakdownKey[]>();
      for (const key of keys) {
        const group = `${key.scope} ${key.by.join(',')}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const found = new Map<string, BreakdownCellRow[]>();
      await Promise.all(
        [...groups.entries()].map(async ([group, members]) => {
          const cells = await breakdownCells(
            db,
            members.map(({ scope, id, period, by }) => ({
              scope,
              code: id,
              period: parsePeriod(period),
              by,
            })),
            held,
            sketchKey,
            withSketches,
            today(now()),
          );
          for (const [codePeriod, list] of cells) found.set(`${group} ${codePeriod}`, list);
        }),
      );
      return keys.map(
        (key) => found.get(`${key.scope} ${key.by.join(',')} ${key.id} ${key.period}`) ?? [],
      );
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}
