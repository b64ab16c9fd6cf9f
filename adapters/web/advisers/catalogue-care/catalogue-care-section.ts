import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  countQualityProblems,
  listDuplicateSuggestions,
  listImportRuns,
  listProblemOfferings,
  listProviderCare,
  listRejections,
  setProviderAccreditation,
  type SuggestedDuplicateOffering,
} from '../../../storage/catalogue-care/catalogue-care-queries.js';
import { listFeedHealth } from '../../../storage/catalogue-care/feed-health.js';
import { qualityProblemNames, type FeedHealth, type QualityProblem } from '../../../../src/catalogue/provider-page.js';
import { sendCsv, toCsv } from '../csv.js';
import { html, joinHtml, type HtmlValue, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';
import { requireAdviser } from '../session.js';
import { catalogueCareTexts, type CatalogueCareTexts } from './catalogue-care-texts.js';
import { isWebUrl } from '../../../../src/web-url.js';

/**
 * Catalogue care at /advisers/catalogue: advisers see providers with their accreditation, offerings with
 * gaps (per problem and provider, also as CSV) and each import's rejected rows (also as CSV); admins
 * correct a provider's accreditation with a note (audited, kept through re-imports) or hand it back to the data.
 */

const idSchema = z.string().regex(/^[\w-]{1,100}$/);
const problemSchema = z.enum(qualityProblemNames);
const providerQuery = z.object({
  provider: z.preprocess((value) => (value === '' ? undefined : value), idSchema.optional()),
});
const accreditationForm = z.object({
  action: z.enum(['save', 'revert']),
  accreditedBy: z.string().trim().max(200).default(''),
  note: z.string().trim().max(1000).default(''),
  _csrf: z.string().optional(),
});

export const catalogueCareSection: WorkspaceSection = {
  path: '/catalogue',
  label: { nb: 'Katalogpleie', en: 'Catalogue care' },
  role: 'adviser',
  router({ database, settings }, { adviser: adviserOf, page: sendPage }) {
    const pool = database.pool;
    const staleSchedules = settings.feedStaleSchedules;
    const router = Router();
    const page = (response: Response, title: string, body: SafeHtml, status = 200) =>
      sendPage(response, { title, body, status });

    const overview = async (
      response: Response,
      message?: { kind: 'success' | 'error'; text: string },
      status = 200,
    ) => {
      const adviser = adviserOf(response);
      const texts = catalogueCareTexts(adviser.language);
      const body = renderOverview({
        texts,
        adviser,
        csrfToken: response.locals.csrfToken,
        totals: await countQualityProblems(pool),
        providers: await listProviderCare(pool),
        runs: await listImportRuns(pool),
        duplicates: await listDuplicateSuggestions(pool, { limit: 100 }),
        feeds: await listFeedHealth(pool, { staleSchedules }),
        staleSchedules,
        message,
      });
      page(response, texts.title, body, status);
    };

    router.get('/', async (_request, response) => overview(response));

    router.post('/providers/:id/accreditation', requireAdviser({ role: 'admin' }), async (request, response) => {
      const adviser = adviserOf(response);
      const texts = catalogueCareTexts(adviser.language);
      const providerId = idSchema.parse(request.params.id);
      const form = accreditationForm.parse(request.body ?? {});
      if (form.action === 'save' && form.note === '')
        return overview(response, { kind: 'error', text: texts.noteRequired }, 400);
      const change =
        form.action === 'save'
          ? {
              kind: 'override' as const,
              accreditedBy: form.accreditedBy === '' ? null : form.accreditedBy,
              note: form.note,
            }
          : { kind: 'revert' as const };
      const done = await setProviderAccreditation({ pool, providerId, actorId: adviser.id, change });
      if (!done) return overview(response, { kind: 'error', text: texts.none }, 404);
      return overview(response, { kind: 'success', text: form.action === 'save' ? texts.saved : texts.reverted });
    });

    router.get('/feeds.csv', async (_request, response) => {
      const texts = catalogueCareTexts(adviserOf(response).language);
      const feeds = await listFeedHealth(pool, { staleSchedules });
      const when = (date: Date | null) => date?.toISOString() ?? '';
      sendCsv(response, {
        filename: 'veileder-feeds.csv',
        csv: toCsv(
          [
            { header: 'id', value: (feed) => feed.id },
            { header: texts.provider, value: (feed) => feed.providerName },
            { header: 'url', value: (feed) => feed.url },
            { header: texts.format, value: (feed) => feed.format },
            { header: texts.schedule, value: (feed) => feed.scheduleMinutes },
            { header: texts.health, value: (feed) => feed.health },
            { header: texts.lastHarvest, value: (feed) => when(feed.lastAttemptAt) },
            { header: 'outcome', value: (feed) => feed.lastOutcome ?? '' },
            { header: texts.lastSuccess, value: (feed) => when(feed.lastSuccessAt) },
            { header: 'failures_in_a_row', value: (feed) => feed.consecutiveFailures },
            { header: 'error', value: (feed) => feed.lastError ?? '' },
            { header: texts.records, value: (feed) => feed.records },
            { header: texts.rejected, value: (feed) => feed.lastRunRejected ?? '' },
            { header: 'next_harvest', value: (feed) => feed.nextHarvestAt.toISOString() },
          ],
          feeds,
        ),
      });
    });

    router.get('/problems/:problem.csv', async (request, response) => {
      const texts = catalogueCareTexts(adviserOf(response).language);
      const problem = problemSchema.parse(request.params.problem);
      const { provider } = providerQuery.parse(request.query);
      const rows = await listProblemOfferings(pool, { problem, providerId: provider, limit: 100_000 });
      const csv = toCsv(
        [
          { header: 'id', value: (row) => row.id },
          { header: texts.title_, value: (row) => row.title },
          { header: texts.provider, value: (row) => row.providerName },
          { header: 'url', value: (row) => row.url ?? '' },
          { header: texts.mode, value: (row) => row.mode },
          { header: texts.level, value: (row) => row.level },
        ],
        rows,
      );
      sendCsv(response, { filename: `veileder-${problem}.csv`, csv });
    });

    router.get('/problems/:problem', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = catalogueCareTexts(adviser.language);
      const problem = problemSchema.parse(request.params.problem);
      const { provider } = providerQuery.parse(request.query);
      const rows = await listProblemOfferings(pool, { problem, providerId: provider });
      const providerName = provider ? rows[0]?.providerName : undefined;
      const title = texts.listTitle(texts.problems[problem], providerName);
      const table =
        rows.length === 0
          ? html`<p>${texts.none}</p>`
          : table_(
              [texts.title_, texts.provider, texts.mode, texts.level],
              rows.map((row) => [
                isWebUrl(row.url) ? html`<a href="${row.url}" rel="noopener noreferrer">${row.title}</a>` : row.title,
                row.providerName,
                row.mode,
                row.level,
              ]),
            );
      const csvLink = `/advisers/catalogue/problems/${problem}.csv${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`;
      page(
        response,
        title,
        html`<p><a href="/advisers/catalogue">${texts.back}</a></p><h1>${title}</h1><p>${rows.length}</p>${table}<p><a class="button secondary" href="${csvLink}" download>${texts.downloadCsv}</a></p>`,
      );
    });

    router.get('/imports/:id/rejections.csv', async (request, response) => {
      const texts = catalogueCareTexts(adviserOf(response).language);
      const runId = idSchema.parse(request.params.id);
      const rows = await listRejections(pool, { runId });
      sendCsv(response, {
        filename: `veileder-rejections-${runId}.csv`,
        csv: toCsv(
          [
            { header: texts.line, value: (row) => row.line },
            { header: texts.reason, value: (row) => row.reason },
            { header: texts.raw, value: (row) => row.raw },
          ],
          rows,
        ),
      });
    });

    router.get('/imports/:id', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = catalogueCareTexts(adviser.language);
      const runId = idSchema.parse(request.params.id);
      const rows = await listRejections(pool, { runId, limit: 1000 });
      const shorten = (raw: string) => (raw.length > 300 ? `${raw.slice(0, 300)}…` : raw);
      const table =
        rows.length === 0
          ? html`<p>${texts.none}</p>`
          : table_(
              [texts.line, texts.reason, texts.raw],
              rows.map((row) => [row.line, row.reason, html`<code>${shorten(row.raw)}</code>`]),
            );
      page(
        response,
        texts.rejected,
        html`<p><a href="/advisers/catalogue">${texts.back}</a></p><h1>${texts.rejected}</h1>${table}<p><a class="button secondary" href="/advisers/catalogue/imports/${encodeURIComponent(runId)}/rejections.csv" download>${texts.downloadCsv}</a></p>`,
      );
    });
    return router;
  },
};

const table_ = (headers: string[], rows: HtmlValue[][]) =>
  html`<div class="table-scroll"><table><thead><tr>${headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead><tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;

type OverviewOptions = {
  texts: CatalogueCareTexts;
  adviser: WorkspaceAdviser;
  csrfToken: string;
  totals: Awaited<ReturnType<typeof countQualityProblems>>;
  providers: Awaited<ReturnType<typeof listProviderCare>>;
  runs: Awaited<ReturnType<typeof listImportRuns>>;
  duplicates: Awaited<ReturnType<typeof listDuplicateSuggestions>>;
  feeds: FeedHealth[];
  staleSchedules: number;
  message: { kind: 'success' | 'error'; text: string } | undefined;
};

function renderOverview(options: OverviewOptions): SafeHtml {
  const { texts, adviser, csrfToken } = options;
  const notice = options.message
    ? html`<div class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}"><p>${options.message.text}</p></div>`
    : '';
  const totals = qualityProblemNames.map(
    (problem) =>
      html`<li><a href="/advisers/catalogue/problems/${problem}">${texts.problems[problem]}</a>: ${options.totals.problems[problem]}</li>`,
  );
  const problemCell = (providerId: string, problem: QualityProblem, count: number) =>
    count === 0
      ? '0'
      : html`<a href="/advisers/catalogue/problems/${problem}?provider=${encodeURIComponent(providerId)}">${count}</a>`;
  const providers = table_(
    [
      texts.provider,
      texts.accreditation,
      texts.offerings,
      ...qualityProblemNames.map((problem) => texts.problems[problem]),
    ],
    options.providers.map((provider) => {
      const accreditation = html`${provider.accreditedBy ?? texts.notAccredited}${provider.accreditationOverriddenAt ? html` <span class="badge">${texts.overridden}</span>` : ''}${provider.accreditationNote ? html`<br><span class="muted">${provider.accreditationNote}</span>` : ''}`;
      const edit =
        adviser.role === 'admin'
          ? html`<details><summary>${texts.edit}</summary><form method="post" action="/advisers/catalogue/providers/${encodeURIComponent(provider.id)}/accreditation">${csrfField(csrfToken)}
<label for="by-${provider.id}">${texts.accreditedBy}</label><input type="text" id="by-${provider.id}" name="accreditedBy" value="${provider.accreditedBy ?? ''}" maxlength="200">
<label for="note-${provider.id}">${texts.note}</label><input type="text" id="note-${provider.id}" name="note" maxlength="1000">
<div class="actions"><button type="submit" name="action" value="save">${texts.save}</button>${provider.accreditationOverriddenAt ? html`<button type="submit" name="action" value="revert" class="secondary" formnovalidate>${texts.revert}</button>` : ''}</div></form></details>`
          : '';
      return [
        html`${provider.name} <span class="muted">${provider.kind}</span>`,
        html`${accreditation}${edit}`,
        provider.offerings,
        ...qualityProblemNames.map((problem) => problemCell(provider.id, problem, provider.problems[problem])),
      ];
    }),
  );
  const runs = table_(
    [texts.started, texts.status, texts.source, texts.file, texts.read, texts.inserted, texts.updated, texts.rejected],
    options.runs.map((run) => [
      formatDateTime(run.startedAt, adviser.language),
      html`${texts.statuses[run.status]}${run.failure ? html`<br><span class="muted">${run.failure}</span>` : ''}`,
      run.source,
      run.file.split('/').at(-1) ?? run.file,
      run.read,
      run.inserted,
      run.updated,
      run.rejected > 0
        ? html`<a href="/advisers/catalogue/imports/${encodeURIComponent(run.id)}">${run.rejected}</a> · <a href="/advisers/catalogue/imports/${encodeURIComponent(run.id)}/rejections.csv" download>CSV</a>`
        : '0',
    ]),
  );
  // Links a feed wrote are shown as text, not followed: these are the records nobody has vouched for yet.
  const side = (offering: SuggestedDuplicateOffering) =>
    html`${offering.title} <span class="muted">${offering.providerName}</span><br><code>${offering.url ?? ''}</code><br><span class="muted">${joinHtml(
      offering.sources.map((source) => `${source.source}: ${source.externalId}`),
      ', ',
    )}</span>`;
  const duplicates =
    options.duplicates.length === 0
      ? ''
      : html`<section class="card"><h2>${texts.duplicatesTitle}</h2><p>${texts.duplicatesIntro}</p>${table_(
          [texts.newOffering, texts.looksLike],
          options.duplicates.map((pair) => [side(pair.offering), side(pair.duplicateOf)]),
        )}</section>`;
  return html`<h1>${texts.title}</h1>${notice}<p>${texts.intro}</p>
<section class="card"><h2>${texts.overview}</h2><p>${texts.activeOfferings(options.totals.offerings)}</p><ul>${totals}</ul></section>
${renderFeeds(options)}
<section class="card"><h2>${texts.importsTitle}</h2>${runs}</section>${duplicates}
<section class="card"><h2>${texts.providersTitle}</h2>${providers}</section>`;
}

function renderFeeds(options: OverviewOptions): SafeHtml {
  const { texts, adviser } = options;
  const when = (date: Date | null) => (date ? formatDateTime(date, adviser.language) : texts.never);
  const table =
    options.feeds.length === 0
      ? html`<p>${texts.noFeeds}</p>`
      : table_(
          [
            texts.provider,
            texts.feed,
            texts.schedule,
            texts.health,
            texts.lastHarvest,
            texts.lastSuccess,
            texts.records,
            texts.rejected,
          ],
          options.feeds.map((feed) => [
            feed.providerName,
            // A feed's URL is shown, not linked: an adviser should not be led to whatever a provider registered.
            html`<code>${feed.url}</code> <span class="muted">${feed.format}</span>`,
            texts.everyMinutes(feed.scheduleMinutes),
            html`<span class="badge feed-${feed.health}">${texts.healths[feed.health]}</span>${feed.consecutiveFailures ? html`<br><span class="muted">${texts.failuresInARow(feed.consecutiveFailures)}: ${feed.lastError ?? ''}</span>` : ''}`,
            html`${when(feed.lastAttemptAt)}${feed.lastOutcome ? html`<br><span class="muted">${texts.outcomes[feed.lastOutcome]}</span>` : ''}`,
            when(feed.lastSuccessAt),
            feed.records,
            feed.lastRunId && feed.lastRunRejected
              ? html`<a href="/advisers/catalogue/imports/${encodeURIComponent(feed.lastRunId)}">${feed.lastRunRejected}</a>`
              : '0',
          ]),
        );
  return html`<section class="card"><h2>${texts.feedsTitle}</h2><p>${texts.feedsIntro(options.staleSchedules)}</p>${table}<p><a class="button secondary" href="/advisers/catalogue/feeds.csv" download>${texts.downloadFeedsCsv}</a></p></section>`;
}
