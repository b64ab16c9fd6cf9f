import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { z } from 'zod';
import { invalidRequest } from '../../../../src/errors.js';
import { sendCsv, toCsv } from '../csv.js';
import { html, raw, type SafeHtml } from '../../html.js';
import type { WorkspaceSection } from '../section.js';
import type { AnalyticsData } from '../../../../src/demand/read-analytics.js';
import { analyticsColumns, analyticsTableNames } from './analytics-tables.js';
import { analyticsTexts, type AnalyticsTexts } from './analytics-texts.js';

/**
 * Analytics for advisers: demand by topic, occupation and county against the catalogue, needs met badly,
 * and ratings over time — as charts (chart.js, served from node_modules, never a CDN) and tables, each
 * table also a CSV download. Aggregates only (adapters/storage/analytics/demand-queries.ts).
 */

const chartLibrary = createRequire(import.meta.url)
  .resolve('chart.js')
  .replace(/chart\.cjs$/, 'chart.umd.js');
const chartsScript = fileURLToPath(new URL('./analytics-charts.js', import.meta.url));

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)));
const querySchema = z.object({ from: day.optional(), to: day.optional() });
const tableSchema = z.enum(analyticsTableNames);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The period asked for: whole days, `to` included; default the last 365 days. */
function periodFrom(query: unknown, texts: AnalyticsTexts, now = new Date()) {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) throw invalidRequest({ message: texts.invalidDate });
  const to = parsed.data.to ?? isoDay(now);
  const from = parsed.data.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000));
  const period = { from: new Date(`${from}T00:00:00Z`), to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) };
  if (period.from >= period.to) throw invalidRequest({ message: texts.invalidDate });
  return { from, to, period };
}

export const analyticsSection: WorkspaceSection = {
  path: '/analytics',
  label: { nb: 'Analyse', en: 'Analytics' },
  role: 'adviser',
  router({ useCases }, { adviser: adviserOf, page }) {
    const router = Router();
    router.get('/chart.umd.js', (_request, response) =>
      response.type('text/javascript').sendFile(chartLibrary, { maxAge: '1d' }),
    );
    router.get('/analytics-charts.js', (_request, response) =>
      response.type('text/javascript').sendFile(chartsScript, { maxAge: '1h' }),
    );

    router.get('/', async (request, response) => {
      const texts = analyticsTexts(adviserOf(response).language);
      const { from, to, period } = periodFrom(request.query, texts);
      const data = await useCases.readAnalytics({ period });
      page(response, {
        title: texts.title,
        body: renderAnalytics({ texts, data, from, to }),
        scripts: ['/advisers/analytics/chart.umd.js', '/advisers/analytics/analytics-charts.js'],
      });
    });

    router.get('/:table.csv', async (request, response) => {
      const texts = analyticsTexts(adviserOf(response).language);
      const table = tableSchema.parse(request.params.table);
      const { from, to, period } = periodFrom(request.query, texts);
      const data = await useCases.readAnalytics({ period });
      const columns = analyticsColumns(texts)[table] as {
        header: string;
        value(row: unknown): string | number | null;
      }[];
      sendCsv(response, {
        filename: `veileder-${table}-${from}-${to}.csv`,
        csv: toCsv(columns, data[table] as unknown[]),
      });
    });
    return router;
  },
};

function renderAnalytics(options: { texts: AnalyticsTexts; data: AnalyticsData; from: string; to: string }): SafeHtml {
  const { texts, data, from, to } = options;
  const columns = analyticsColumns(texts);
  const query = `?from=${from}&to=${to}`;
  const block = (name: keyof AnalyticsData, title: string, help: string | undefined, chart: boolean) => {
    const rows = data[name] as unknown[];
    const tableColumns = columns[name] as { header: string; value(row: unknown): string | number | null }[];
    const table =
      rows.length === 0
        ? html`<p class="muted">${texts.none}</p>`
        : html`<div class="table-scroll"><table><thead><tr>${tableColumns.map((column) => html`<th scope="col">${column.header}</th>`)}</tr></thead><tbody>${rows.map(
            (row) => html`<tr>${tableColumns.map((column) => html`<td>${column.value(row)}</td>`)}</tr>`,
          )}</tbody></table></div>`;
    return html`<section class="card" aria-labelledby="${name}-title">
  <h2 id="${name}-title">${title}</h2>
  ${help ? html`<p class="muted">${help}</p>` : ''}
  ${chart && rows.length > 0 ? html`<div class="chart"><canvas id="${name}-chart" role="img" aria-label="${title}"></canvas></div>` : ''}
  ${table}
  <p><a class="button secondary" href="/advisers/analytics/${name}.csv${query}" download>${texts.downloadCsv}</a></p>
</section>`;
  };
  // The charts read their data from this block (CSP: no inline script runs); "<" is escaped so no text can close it.
  const chartData = JSON.stringify({
    texts: { learners: texts.learners, offerings: texts.offerings, average: texts.average, ratings: texts.ratings },
    ...data,
  }).replaceAll('<', '\\u003c');
  return html`<h1>${texts.title}</h1>
<p>${texts.intro}</p>
<form class="card filters" method="get" action="/advisers/analytics">
  <div><label for="from">${texts.from}</label><input type="date" id="from" name="from" value="${from}"></div>
  <div><label for="to">${texts.to}</label><input type="date" id="to" name="to" value="${to}"></div>
  <div><button type="submit">${texts.show}</button></div>
</form>
<script type="application/json" id="analytics-data">${raw(chartData)}</script>
${block('topics', texts.topicsTitle, texts.topicsHelp, true)}
${block('unmet', texts.unmetTitle, texts.unmetHelp, true)}
${block('skillGaps', texts.skillGapsTitle, texts.skillGapsHelp, false)}
${block('occupations', texts.occupationsTitle, undefined, true)}
${block('counties', texts.countiesTitle, undefined, true)}
${block('ratings', texts.ratingsTitle, texts.ratingsHelp, true)}`;
}
