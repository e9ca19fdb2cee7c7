import { createClient, SahemGraphQLError } from '@sahem/client';
import { fetchScorecards } from './data/fetchScorecards.ts';
import { fetchSeries } from './data/fetchSeries.ts';
import { locale, type Language, type Locale, type StringKey } from './i18n.ts';
import { periodOptions, type Period } from './periods.ts';
import { drawChart, resizeCharts } from './view/charts.ts';
import { h } from './view/h.ts';
import { scorecardTable } from './view/scorecardTable.ts';
import { agencyUnits, headline, regionUnits, unitsView } from './view/summaryTables.ts';
import './dashboard.css';

/** What the gateway tells its dashboard (`/dashboard/config.json`). */
interface DashboardConfig {
  endpoint: string;
  /** Development only: the demo identities' tokens; the dashboard signs in as the analyst. */
  demoTokens?: { label: string; role: string; token: string }[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const config = (await fetch('config.json').then((response) => response.json())) as DashboardConfig;
const params = new URLSearchParams(location.search);
const state = {
  language: (params.get('lang') ?? localStorage.getItem('sahem.lang') ?? 'ar') as Language,
  period: params.get('period') ?? String(new Date().getUTCFullYear()),
  token:
    config.demoTokens?.find((demo) => demo.role === 'analyst')?.token ??
    sessionStorage.getItem('sahem.token') ??
    undefined,
};
if (state.language !== 'en') state.language = 'ar';

// Typed documents only, sent by their manifest id: the dashboard works on a gateway in
// `GATEWAY_PERSISTED_DOCUMENTS=enforce` mode like any shipped client.
const client = createClient({
  url: new URL(config.endpoint, location.href).href,
  token: () => state.token,
  persisted: true,
});

let data: Awaited<ReturnType<typeof load>> | undefined;
let loading = 0;

async function load(period: Period) {
  const [scorecards, series] = await Promise.all([
    fetchScorecards(client, period),
    fetchSeries(client, period),
  ]);
  return { period, scorecards, series };
}

/** Fetches the selected period and renders it; a newer selection wins over a slower answer. */
async function refresh(): Promise<void> {
  const ticket = ++loading;
  const t = locale(state.language);
  $('status').textContent = t.t('loading');
  $('main').setAttribute('aria-busy', 'true');
  try {
    const loaded = await load(state.period);
    if (ticket !== loading) return;
    data = loaded;
    render();
    $('status').textContent = `${t.t('loaded')} ${t.period(state.period)}`;
  } catch (error) {
    if (ticket !== loading) return;
    const refused =
      error instanceof SahemGraphQLError &&
      (error.hasCode('UNAUTHENTICATED') || error.hasCode('FORBIDDEN'));
    $('signin').hidden = !refused;
    $('status').textContent = refused
      ? t.t('needToken')
      : `${t.t('failed')} ${(error as Error).message}`;
  } finally {
    if (ticket === loading) $('main').removeAttribute('aria-busy');
  }
}

/** Applies the language to the page chrome: `lang`, `dir`, every labelled string. */
function applyLanguage(t: Locale): void {
  document.documentElement.lang = t.language;
  document.documentElement.dir = t.dir;
  document.title = t.t('title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t.t(element.dataset.i18n as StringKey);
  }
  const button = $('language');
  button.textContent = t.t('switchTo');
  button.lang = t.language === 'ar' ? 'en' : 'ar';
  const select = $<HTMLSelectElement>('period');
  select.replaceChildren(
    ...periodOptions(2026).map((period) =>
      h(
        'option',
        { value: period, ...(period === state.period && { selected: '' }) },
        t.period(period),
      ),
    ),
  );
}

function render(): void {
  const t = locale(state.language);
  applyLanguage(t);
  if (!data) return;
  const { scorecards, series } = data;
  $('signin').hidden = true;
  $('content').hidden = false;
  const national = scorecards.nationalPeriod;
  $('headline').replaceChildren(headline(t, national));
  $('national').replaceChildren(
    scorecardTable(
      t,
      // A scorecard the observatory could not give (it is down) shows as an empty table.
      national.scorecard?.entries ?? [],
      scorecards.indicators,
      `${t.t('national')} — ${t.period(data.period)}`,
    ),
    h(
      'p',
      { class: 'note' },
      `${t.t('tableVersion')}: ${national.economicValue?.tableVersion ?? '—'}`,
    ),
  );
  $('agencies').replaceChildren(
    unitsView(t, 'agency', agencyUnits(t, scorecards), scorecards.indicators, data.period),
  );
  $('regions').replaceChildren(
    unitsView(t, 'region', regionUnits(t, scorecards), scorecards.indicators, data.period),
  );
  const labels = series.map((point) => t.monthName(point.period));
  drawChart(t, $('hours-chart'), $('hours-caption'), {
    title: `${t.t('hoursChart')} — ${t.period(data.period)}`,
    kind: 'bar',
    labels,
    values: series.map((point) => point.verifiedHours),
    format: (value) => t.number(value),
  });
  drawChart(t, $('value-chart'), $('value-caption'), {
    title: `${t.t('valueChart')} — ${t.period(data.period)}`,
    kind: 'line',
    labels,
    values: series.map((point) => point.economicValueSar),
    format: (value) => t.number(value),
  });
  const regions = regionUnits(t, scorecards).sort(
    (a, b) => (b.economicValueSar ?? 0) - (a.economicValueSar ?? 0),
  );
  drawChart(t, $('regions-chart'), $('regions-caption'), {
    title: `${t.t('regionsChart')} — ${t.period(data.period)}`,
    kind: 'bar',
    labels: regions.map((region) => region.name),
    values: regions.map((region) => region.economicValueSar),
    format: (value) => t.number(value),
  });
}

$('language').addEventListener('click', () => {
  state.language = state.language === 'ar' ? 'en' : 'ar';
  localStorage.setItem('sahem.lang', state.language);
  render();
  const t = locale(state.language);
  if (data) $('status').textContent = `${t.t('loaded')} ${t.period(state.period)}`;
});
$('period').addEventListener('change', (event) => {
  state.period = (event.target as HTMLSelectElement).value;
  void refresh();
});
$('signin').addEventListener('submit', (event) => {
  event.preventDefault();
  state.token = $<HTMLInputElement>('token').value.trim();
  sessionStorage.setItem('sahem.token', state.token);
  void refresh();
});
addEventListener('resize', resizeCharts);

applyLanguage(locale(state.language));
await refresh();
