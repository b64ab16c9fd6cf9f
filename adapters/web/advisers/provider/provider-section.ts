import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { qualityProblemNames, type Provider } from '../../../../src/catalogue/provider-page.js';
import { catalogueCareTexts } from '../catalogue-care/catalogue-care-texts.js';
import { html, type HtmlValue, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';
import { workspaceTexts } from '../texts.js';
import { requireAdviser } from '../session.js';
import { providerTexts, type ProviderTexts } from './provider-texts.js';

/**
 * The provider's own page at /advisers/provider, in the workspace shell: its feeds and their health, its last
 * runs with their rejections, its offerings' quality problems, its API keys (create, rotate, revoke; a key is
 * shown once) and how learners rated its offerings. A provider account sees its own provider only; an admin
 * opens any provider's page (?provider=) and invites the provider's people (a provider account with a
 * one-time password). Key changes and invitations are audited.
 */

const idSchema = z.string().regex(/^[\w-]{1,100}$/);
const keyForm = z.object({ label: z.string().trim().max(100).default(''), _csrf: z.string().optional() });
const keyAction = z.object({ action: z.enum(['rotate', 'revoke']), _csrf: z.string().optional() });
/** CSV is left out: its column mapping is registered by an admin (`veileder feed add … --mapping`). */
const feedFormatsOnPage = ['jsonl', 'schema-org', 'elm', 'elm-xml'] as const;
const feedForm = z.object({
  url: z
    .url({ error: 'http(s)' })
    .max(2000)
    .refine((url) => /^https?:\/\//i.test(url), { error: 'http(s)' }),
  format: z.enum(feedFormatsOnPage),
  hours: z.coerce.number().int().min(1).max(168),
  _csrf: z.string().optional(),
});
const feedAction = z.object({ action: z.enum(['harvest', 'remove']), _csrf: z.string().optional() });
const inviteForm = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(200).optional()),
  _csrf: z.string().optional(),
});

type Message = { kind: 'success' | 'error'; text: string; secret?: { label: string; value: string } };

export const providerSection: WorkspaceSection = {
  path: '/provider',
  label: { nb: 'Tilbyderside', en: 'Provider page' },
  role: 'provider',
  router(context, { adviser: adviserOf, page: sendPage, audit }) {
    const { useCases } = context;
    const router = Router();

    const page = (response: Response, title: string, body: SafeHtml, status = 200) =>
      sendPage(response, { title, body, status });

    /** The provider this request is about: a provider account's own, or for an admin the one it names. */
    const providerOf = (request: Request, response: Response): Promise<Provider | null> => {
      const named = (request.body as { provider?: unknown } | undefined)?.provider ?? request.query.provider;
      return useCases.findProviderPage({
        account: adviserOf(response),
        named: typeof named === 'string' ? named : undefined,
      });
    };

    const overview = async (request: Request, response: Response, message?: Message, status = 200) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) {
        if (adviser.role === 'provider')
          return page(response, texts.title, html`<h1>${texts.title}</h1><p>${texts.noProvider}</p>`);
        const asked = typeof request.query.provider === 'string' && request.query.provider !== '';
        return page(response, texts.title, renderChooser(texts, asked), asked ? 404 : 200);
      }
      const body = await renderProviderPage({
        texts,
        adviser,
        provider,
        csrfToken: response.locals.csrfToken,
        message,
      });
      page(response, `${texts.title} – ${provider.name}`, body, status);
    };

    const renderProviderPage = async (options: {
      texts: ProviderTexts;
      adviser: WorkspaceAdviser;
      provider: Provider;
      csrfToken: string;
      message: Message | undefined;
    }): Promise<SafeHtml> => {
      const { texts, adviser, provider, csrfToken } = options;
      const care = catalogueCareTexts(adviser.language);
      const when = (date: Date | null) => (date ? formatDateTime(date, adviser.language) : texts.never);
      const scope = adviser.role === 'admin' ? `?provider=${encodeURIComponent(provider.id)}` : '';
      const hidden = adviser.role === 'admin' ? html`<input type="hidden" name="provider" value="${provider.id}">` : '';
      const message = options.message
        ? html`<div class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}"><p>${options.message.text}</p>${options.message.secret ? html`<p>${options.message.secret.label} <code id="shown-secret">${options.message.secret.value}</code></p>` : ''}</div>`
        : '';

      const { feeds, runs, quality, problemOfferings, keys, ratings } = await useCases.readProviderPage({
        providerId: provider.id,
      });
      const feedButton = (feedId: string, action: 'harvest' | 'remove', label: string, kind: string) =>
        html`<form method="post" action="/advisers/provider/feeds/${encodeURIComponent(feedId)}">${csrfField(csrfToken)}${hidden}<input type="hidden" name="action" value="${action}"><button type="submit" class="${kind}">${label}</button></form>`;
      const feedTable =
        feeds.length === 0
          ? html`<p>${texts.noFeeds}</p>`
          : table(
              [
                care.feed,
                care.schedule,
                care.health,
                care.lastHarvest,
                care.lastSuccess,
                care.records,
                care.rejected,
                '',
              ],
              feeds.map((feed) => [
                html`<code>${feed.url}</code> <span class="muted">${feed.format}</span>`,
                care.everyMinutes(feed.scheduleMinutes),
                html`<span class="badge feed-${feed.health}">${care.healths[feed.health]}</span>${feed.consecutiveFailures ? html`<br><span class="muted">${care.failuresInARow(feed.consecutiveFailures)}: ${feed.lastError ?? ''}</span>` : ''}`,
                html`${when(feed.lastAttemptAt)}${feed.lastOutcome ? html`<br><span class="muted">${care.outcomes[feed.lastOutcome]}</span>` : ''}`,
                when(feed.lastSuccessAt),
                String(feed.records),
                String(feed.lastRunRejected ?? 0),
                html`<div class="actions">${feedButton(feed.id, 'harvest', texts.harvestNow, 'secondary')}${feedButton(feed.id, 'remove', texts.removeFeed, 'danger')}</div>`,
              ]),
            );
      const feedAdd = html`<details><summary>${texts.addFeed}</summary><form method="post" action="/advisers/provider/feeds">${csrfField(csrfToken)}${hidden}<p>${texts.addFeedIntro}</p>
<label for="feed-url">${texts.feedUrl}</label><input id="feed-url" name="url" type="url" required maxlength="2000" placeholder="https://">
<label for="feed-format">${texts.feedFormat}</label><select id="feed-format" name="format">${feedFormatsOnPage.map((format) => html`<option value="${format}">${format}</option>`)}</select>
<label for="feed-hours">${texts.everyHours}</label><input id="feed-hours" name="hours" type="number" min="1" max="168" value="24" required>
<p><button type="submit">${texts.register}</button></p></form></details>`;

      const runTable =
        runs.length === 0
          ? html`<p>${texts.noRuns}</p>`
          : table(
              [
                care.started,
                care.status,
                care.file,
                care.read,
                care.inserted,
                care.updated,
                care.rejected,
                texts.withdrawals,
              ],
              runs.map((run) => [
                html`<a href="/advisers/provider/runs/${encodeURIComponent(run.id)}${scope}">${when(run.startedAt)}</a> <span class="muted">${texts.origins[run.origin]}</span>`,
                html`${care.statuses[run.status]}${run.failure ? html`<br><span class="muted">${run.failure}</span>` : ''}`,
                html`<code>${run.file}</code>`,
                String(run.counts.read),
                String(run.counts.inserted),
                String(run.counts.updated),
                run.counts.rejected > 0
                  ? html`<a href="/advisers/provider/runs/${encodeURIComponent(run.id)}${scope}">${run.counts.rejected}</a>`
                  : '0',
                String(run.counts.withdrawn),
              ]),
            );

      const problems = qualityProblemNames.map((problem) => {
        const count = quality.problems[problem];
        if (count === 0) return html`<li>${care.problems[problem]}: 0</li>`;
        return html`<li><details><summary>${care.problems[problem]}: ${count}</summary><ul>${problemOfferings[problem].map((offering) => html`<li>${offering.title}</li>`)}</ul></details></li>`;
      });

      const keyButton = (keyId: string, action: 'rotate' | 'revoke', label: string, kind: string) =>
        html`<form method="post" action="/advisers/provider/keys/${encodeURIComponent(keyId)}">${csrfField(csrfToken)}${hidden}<input type="hidden" name="action" value="${action}"><button type="submit" class="${kind}" aria-label="${`${label}: ${keyId}`}">${label}</button></form>`;
      const keyTable =
        keys.length === 0
          ? html`<p>${texts.noKeys}</p>`
          : table(
              ['id', texts.label, texts.created, texts.lastUsed, care.status],
              keys.map((key) => [
                html`<code>${key.id}</code>`,
                key.label ?? '',
                when(key.createdAt),
                when(key.lastUsedAt),
                key.revokedAt
                  ? `${texts.revoked} ${when(key.revokedAt)}`
                  : html`<div class="actions">${keyButton(key.id, 'rotate', texts.rotate, 'secondary')}${keyButton(key.id, 'revoke', texts.revoke, 'danger')}</div>`,
              ]),
            );

      const ratingTable =
        ratings.length === 0
          ? html`<p>${texts.noRatings}</p>`
          : table(
              [texts.offering, texts.count, texts.average],
              ratings.map((rating) => [
                rating.title,
                String(rating.count),
                rating.average === null ? texts.fewer : rating.average.toFixed(1),
              ]),
            );

      const invite =
        adviser.role === 'admin'
          ? html`<form class="card" method="post" action="/advisers/provider/invite"><h2>${texts.invite}</h2><p>${texts.inviteIntro}</p>${csrfField(csrfToken)}${hidden}
<label for="invite-email">${texts.email}</label><input id="invite-email" name="email" type="email" required maxlength="320">
<label for="invite-name">${texts.name}</label><input id="invite-name" name="name" type="text" maxlength="200">
<p><button type="submit">${texts.inviteButton}</button></p></form>`
          : '';

      return html`<h1>${texts.title} – ${provider.name}</h1>${message}<p>${texts.intro}</p>
<p class="muted">id <code>${provider.id}</code></p>
<section class="card"><h2>${texts.feeds}</h2>${feedTable}${feedAdd}</section>
<section class="card"><h2>${texts.runs}</h2>${runTable}</section>
<section class="card"><h2>${texts.problems}</h2><p>${texts.problemsIntro(quality.offerings)}</p><ul>${problems}</ul></section>
<section class="card"><h2>${texts.keys}</h2><p>${texts.keysIntro.replace('ID', provider.id)}</p>${keyTable}
<form method="post" action="/advisers/provider/keys">${csrfField(csrfToken)}${hidden}<label for="key-label">${texts.label}</label><input id="key-label" name="label" type="text" maxlength="100"><p><button type="submit">${texts.create}</button></p></form></section>
<section class="card"><h2>${texts.ratings}</h2><p>${texts.ratingsIntro}</p>${ratingTable}</section>${invite}`;
    };

    router.get('/', (request, response) => overview(request, response));

    router.get('/runs/:runId', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      const run = provider
        ? await useCases.readProviderRun({ providerId: provider.id, runId: idSchema.parse(request.params.runId) })
        : null;
      if (!provider || !run) {
        const words = workspaceTexts(adviser.language);
        return page(response, words.notFoundTitle, html`<h1>${words.notFoundTitle}</h1>`, 404);
      }
      const care = catalogueCareTexts(adviser.language);
      const scope = adviser.role === 'admin' ? `?provider=${encodeURIComponent(provider.id)}` : '';
      const shorten = (raw: string) => (raw.length > 300 ? `${raw.slice(0, 300)}…` : raw);
      const rejections =
        run.rejections.length === 0
          ? html`<p>${texts.none}</p>`
          : table(
              [texts.line, texts.reason, texts.raw],
              run.rejections.map((rejection) => [
                String(rejection.line),
                rejection.reason,
                html`<code>${shorten(rejection.raw)}</code>`,
              ]),
            );
      const withdrawals =
        run.withdrawals.length === 0
          ? html`<p>${texts.none}</p>`
          : html`<ul>${run.withdrawals.map((one) => html`<li>${one.title}</li>`)}</ul>`;
      const held = run.withdrawalsHeld.map((one) => html`<li>${`${one.missing}: ${one.reason}`}</li>`);
      page(
        response,
        texts.rejectionsOf,
        html`<p><a href="/advisers/provider${scope}">${texts.back}</a></p><h1>${formatDateTime(run.startedAt, adviser.language)} · ${texts.origins[run.origin]}</h1>
<p>${care.statuses[run.status]}${run.failure ? `: ${run.failure}` : ''} · ${care.read} ${run.counts.read} · ${care.inserted} ${run.counts.inserted} · ${care.updated} ${run.counts.updated} · ${care.rejected} ${run.counts.rejected} · ${texts.withdrawals} ${run.counts.withdrawn}</p>
<section class="card"><h2>${texts.rejectionsOf}</h2>${rejections}</section>
<section class="card"><h2>${texts.withdrawals}</h2>${withdrawals}${held.length > 0 && html`<h3>${texts.held}</h3><ul>${held}</ul>`}</section>`,
      );
    });

    router.post('/feeds', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = feedForm.safeParse(request.body ?? {});
      if (!form.success) return overview(request, response, { kind: 'error', text: texts.addFeedIntro }, 400);
      const feed = await useCases.registerProviderFeed({
        providerId: provider.id,
        url: form.data.url,
        format: form.data.format,
        hours: form.data.hours,
      });
      await audit(response, {
        action: 'provider_feed.added',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { feedId: feed.id, url: feed.url, format: feed.format },
      });
      return overview(request, response, { kind: 'success', text: texts.feedAdded });
    });

    router.post('/feeds/:feedId', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const feedId = idSchema.parse(request.params.feedId);
      const { action } = feedAction.parse(request.body ?? {});
      const changed = await useCases.changeProviderFeed({ providerId: provider.id, feedId, action });
      if (changed.kind === 'not-found')
        return overview(request, response, { kind: 'error', text: texts.forbidden }, 404);
      if (changed.kind === 'harvest-soon') return overview(request, response, { kind: 'success', text: texts.feedDue });
      const { feed } = changed;
      await audit(response, {
        action: 'provider_feed.removed',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { feedId: feed.id, url: feed.url },
      });
      return overview(request, response, { kind: 'success', text: texts.feedRemoved });
    });

    router.post('/keys', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = keyForm.parse(request.body ?? {});
      const created = await useCases.createProviderKey({ providerId: provider.id, label: form.label || undefined });
      await audit(response, {
        action: 'provider_key.created',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { keyId: created.id, label: form.label },
      });
      return overview(request, response, {
        kind: 'success',
        text: texts.keyCreated,
        secret: { label: texts.newKey, value: created.key },
      });
    });

    router.post('/keys/:keyId', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const keyId = idSchema.parse(request.params.keyId);
      const { action } = keyAction.parse(request.body ?? {});
      const changed = await useCases.changeProviderKey({ providerId: provider.id, keyId, action });
      if (changed.kind === 'not-found')
        return overview(request, response, { kind: 'error', text: texts.forbidden }, 404);
      const { rotated } = changed;
      await audit(response, {
        action: action === 'rotate' ? 'provider_key.rotated' : 'provider_key.revoked',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { keyId: changed.keyId, ...(rotated ? { newKeyId: rotated.id } : {}) },
      });
      return overview(
        request,
        response,
        rotated
          ? { kind: 'success', text: texts.keyRotated, secret: { label: texts.newKey, value: rotated.key } }
          : { kind: 'success', text: texts.keyRevoked },
      );
    });

    router.post('/invite', requireAdviser({ role: 'admin' }), async (request, response) => {
      const adviser = adviserOf(response);
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = inviteForm.parse(request.body ?? {});
      const password = generatePassword();
      const account = await useCases.inviteProviderPerson({
        providerId: provider.id,
        email: form.email,
        name: form.name ?? null,
        passwordHash: await hashPassword(password),
      });
      if (!account) return overview(request, response, { kind: 'error', text: texts.emailTaken }, 409);
      await audit(response, {
        action: 'provider.invited',
        subjectType: 'adviser',
        subjectId: account.id,
        detail: { email: account.email, providerId: provider.id, provider: provider.name },
      });
      return overview(request, response, {
        kind: 'success',
        text: texts.invited(account.email),
        secret: { label: texts.oneTimePassword, value: password },
      });
    });
    return router;
  },
};

const table = (headers: string[], rows: HtmlValue[][]) =>
  html`<div class="table-scroll"><table><thead><tr>${headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead><tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;

function renderChooser(texts: ProviderTexts, asked: boolean): SafeHtml {
  return html`<h1>${texts.title}</h1>${asked ? html`<div class="message error" role="alert"><p>${texts.unknownProvider}</p></div>` : ''}<p>${texts.chooseIntro}</p>
<form class="card" method="get" action="/advisers/provider"><h2>${texts.choose}</h2><label for="provider">${texts.providerName}</label><input id="provider" name="provider" type="text" required maxlength="200"><p><button type="submit">${texts.open}</button></p></form>`;
}
