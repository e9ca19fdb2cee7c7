import type { IndicatorUnit } from '@sahem/client';
import type { Scorecards, ScorecardEntry } from '../data/fetchScorecards.ts';
import type { Locale } from '../i18n.ts';
import { figure, h, scrollable } from './h.ts';

type Indicators = Scorecards['indicators'];

/**
 * A scorecard as a table: each indicator's value, target, expected to date, attainment and
 * status. The status is written out and marked by a shape as well as a colour, so it does not
 * depend on seeing colours.
 */
export function scorecardTable(
  locale: Locale,
  entries: ScorecardEntry[],
  indicators: Indicators,
  caption: string,
): HTMLElement {
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const header = (
    ['indicator', 'value', 'target', 'expectedToDate', 'attainment', 'status'] as const
  ).map((key) => h('th', { scope: 'col' }, locale.t(key)));
  const rows = entries.map((entry) => {
    const indicator = byCode.get(entry.indicator.code);
    const unit: IndicatorUnit = indicator?.unit ?? 'VOLUNTEERS';
    return h(
      'tr',
      { 'data-indicator': entry.indicator.code },
      h('th', { scope: 'row' }, indicator?.name[locale.language] ?? entry.indicator.code),
      h('td', { class: 'value' }, figure(entry.value, locale.inUnit(entry.value, unit))),
      h('td', {}, figure(entry.target, locale.inUnit(entry.target, unit))),
      h('td', {}, figure(entry.expectedToDate, locale.inUnit(entry.expectedToDate, unit))),
      h('td', { class: 'attainment' }, figure(entry.attainment, locale.percent(entry.attainment))),
      h('td', {}, statusBadge(locale, entry.status)),
    );
  });
  const table = h(
    'table',
    { class: 'scorecard' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...header)),
    h('tbody', {}, ...rows),
  );
  return scrollable(table, caption);
}

/** A status as a badge: its word, a shape and a colour. */
export function statusBadge(locale: Locale, status: ScorecardEntry['status']): HTMLElement {
  const name = status ?? 'NONE';
  return h(
    'span',
    { class: `badge ${name.toLowerCase()}`, 'data-status': name },
    locale.status(status),
  );
}
