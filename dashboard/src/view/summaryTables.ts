import type { Scorecards, ScorecardEntry } from '../data/fetchScorecards.ts';
import type { Locale } from '../i18n.ts';
import { figure, h, scrollable } from './h.ts';
import { scorecardTable, statusBadge } from './scorecardTable.ts';

/** The headline figures of the national period, as cards. */
export function headline(locale: Locale, national: Scorecards['nationalPeriod']): HTMLElement {
  const card = (key: Parameters<Locale['t']>[0], value: number | null, text: string, id: string) =>
    h(
      'div',
      { class: 'card', 'data-figure': id },
      h('span', {}, locale.t(key)),
      figure(value, text),
    );
  return h(
    'div',
    { class: 'cards' },
    card(
      'activeVolunteers',
      national.activeVolunteers,
      locale.number(national.activeVolunteers),
      'activeVolunteers',
    ),
    card(
      'registeredVolunteers',
      // Null when the volunteers subgraph did not answer.
      national.registeredVolunteers ?? null,
      national.registeredVolunteers == null ? '—' : locale.number(national.registeredVolunteers),
      'registeredVolunteers',
    ),
    card(
      'verifiedHours',
      national.verifiedHours,
      locale.number(national.verifiedHours, 0),
      'verifiedHours',
    ),
    card(
      'economicValue',
      national.economicValue?.sar ?? null,
      locale.inUnit(national.economicValue?.sar, 'SAR'),
      'economicValue',
    ),
    card(
      'beneficiaries',
      national.beneficiaries,
      locale.number(national.beneficiaries),
      'beneficiaries',
    ),
  );
}

/** One row per agency or region: its figures and how many indicators are in each status. */
interface Unit {
  code: string;
  name: string;
  activeVolunteers: number;
  verifiedHours: number;
  /** Null when no valuation table covers the period. */
  economicValueSar: number | null;
  entries: ScorecardEntry[];
}

/**
 * A summary table of agencies or regions and, below it, each one's full scorecard in a
 * disclosure (`<details>`), which keyboards and screen readers open natively.
 */
export function unitsView(
  locale: Locale,
  kind: 'agency' | 'region',
  units: Unit[],
  indicators: Scorecards['indicators'],
  period: string,
): HTMLElement {
  const heading = `${locale.t(kind === 'agency' ? 'agencies' : 'regions')} — ${locale.period(period)}`;
  const columns = [kind, 'activeVolunteers', 'verifiedHours', 'economicValue', 'statuses'] as const;
  const rows = units.map((unit) =>
    h(
      'tr',
      { 'data-code': unit.code },
      h('th', { scope: 'row' }, unit.name),
      h('td', {}, figure(unit.activeVolunteers, locale.number(unit.activeVolunteers))),
      h('td', {}, figure(unit.verifiedHours, locale.number(unit.verifiedHours))),
      h('td', {}, figure(unit.economicValueSar, locale.inUnit(unit.economicValueSar, 'SAR'))),
      h('td', { class: 'statuses' }, ...statusCounts(locale, unit.entries)),
    ),
  );
  const summary = h(
    'table',
    { class: 'summary' },
    h('caption', {}, heading),
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { scope: 'col' }, locale.t(key))))),
    h('tbody', {}, ...rows),
  );
  const details = units.map((unit) =>
    h(
      'details',
      { 'data-code': unit.code },
      h('summary', {}, `${locale.t('scorecardOf')} ${unit.name}`),
      scorecardTable(locale, unit.entries, indicators, `${locale.t('scorecardOf')} ${unit.name}`),
    ),
  );
  return h('div', {}, scrollable(summary, heading), h('div', { class: 'details' }, ...details));
}

function statusCounts(locale: Locale, entries: ScorecardEntry[]): HTMLElement[] {
  return (['ON_TRACK', 'AT_RISK', 'OFF_TRACK'] as const).map((status) => {
    const count = entries.filter((entry) => entry.status === status).length;
    const badge = statusBadge(locale, status);
    badge.textContent = `${locale.status(status)} ${locale.number(count)}`;
    badge.dataset.count = String(count);
    return badge;
  });
}

/** The agencies of the scorecards as {@link unitsView} rows. */
export function agencyUnits(locale: Locale, data: Scorecards): Unit[] {
  return data.agencies.map((agency) => ({
    code: agency.code,
    name: agency.name[locale.language],
    activeVolunteers: agency.period.activeVolunteers,
    verifiedHours: agency.period.verifiedHours,
    economicValueSar: agency.period.economicValue?.sar ?? null,
    entries: agency.period.scorecard?.entries ?? [],
  }));
}

/** The regions of the scorecards as {@link unitsView} rows. */
export function regionUnits(locale: Locale, data: Scorecards): Unit[] {
  return data.nationalPeriod.regions.map((region) => ({
    code: region.regionCode,
    name: region.region.name[locale.language],
    activeVolunteers: region.activeVolunteers,
    verifiedHours: region.verifiedHours,
    economicValueSar: region.economicValue?.sar ?? null,
    entries: region.scorecard?.entries ?? [],
  }));
}
