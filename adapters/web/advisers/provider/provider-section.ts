import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  countQualityProblems,
  listProblemOfferings,
  qualityProblemNames,
} from '../../../storage/catalogue-care/catalogue-care-queries.js';
import { listFeedHealth } from '../../../storage/catalogue-care/feed-health.js';
import { harvestFeedSoon, registerFeed, removeFeed } from '../../../storage/provider-feed-store.js';
import { createAdviserStore } from '../../../storage/adviser-store.js';
import { recordAudit } from '../../../storage/audit-log-store.js';
import {
  createProviderKey,
  findProvider,
  listProviderKeys,
  revokeProviderKey,
} from '../../../storage/provider-key-store.js';
import { listProviderRatings } from '../../../storage/provider-ratings.js';
import { listProviderRuns, readProviderRun } from '../../../storage/provider-run-store.js';
import { catalogueCareTexts } from '../catalogue-care/catalogue-care-texts.js';
import { csrfField, escapeHtml, formatDateTime } from '../html.js';
import { renderWorkspacePage } from '../layout.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';
import { workspaceTexts } from '../texts.js';
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

type Provider = { id: string; name: string };
type Message = { kind: 'success' | 'error'; text: string; secret?: { label: string; value: string } };

export const providerSection: WorkspaceSection = {
  path: '/provider',
  label: { nb: 'Tilbyderside', en: 'Provider page' },
  role: 'provider',
  router(context) {
    const pool = context.database.pool;
    const staleSchedules = context.feedStaleSchedules ?? 3;
    const advisers = createAdviserStore({ pool });
    const router = Router();

    const page = (response: Response, title: string, body: string, status = 200) => {
      response
        .status(status)
        .type('html')
        .send(
          renderWorkspacePage({
            title,
            adviser: response.locals.adviser as WorkspaceAdviser,
            csrfToken: response.locals.csrfToken,
            active: '/provider',
            body,
            nonce: response.locals.cspNonce,
          }),
        );
    };

    /** The provider this request is about: a provider account's own, or for an admin the one it names. */
    const providerOf = async (request: Request, response: Response): Promise<Provider | null> => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      if (adviser.role === 'provider') {
        const { rows } = await pool.query<Provider>(
          'SELECT p.id, p.name FROM adviser a JOIN provider p ON p.id = a.provider_id WHERE a.id = $1',
          [adviser.id],
        );
        return rows[0] ?? null;
      }
      const named = (request.body as { provider?: unknown } | undefined)?.provider ?? request.query.provider;
      if (typeof named !== 'string' || named.trim() === '') return null;
      return findProvider(pool, named.trim());
    };

    const overview = async (request: Request, response: Response, message?: Message, status = 200) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) {
        if (adviser.role === 'provider')
          return page(
            response,
            texts.title,
            `<h1>${escapeHtml(texts.title)}</h1><p>${escapeHtml(texts.noProvider)}</p>`,
          );
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
    }): Promise<string> => {
      const { texts, adviser, provider, csrfToken } = options;
      const care = catalogueCareTexts(adviser.language);
      const when = (date: Date | null) =>
        date ? escapeHtml(formatDateTime(date, adviser.language)) : escapeHtml(texts.never);
      const scope = adviser.role === 'admin' ? `?provider=${encodeURIComponent(provider.id)}` : '';
      const hidden =
        adviser.role === 'admin' ? `<input type="hidden" name="provider" value="${escapeHtml(provider.id)}">` : '';
      const message = options.message
        ? `<div class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}"><p>${escapeHtml(options.message.text)}</p>${options.message.secret ? `<p>${escapeHtml(options.message.secret.label)} <code id="shown-secret">${escapeHtml(options.message.secret.value)}</code></p>` : ''}</div>`
        : '';

      const feeds = await listFeedHealth(pool, { staleSchedules, providerId: provider.id });
      const feedButton = (feedId: string, action: 'harvest' | 'remove', label: string, kind: string) =>
        `<form method="post" action="/advisers/provider/feeds/${encodeURIComponent(feedId)}">${csrfField(csrfToken)}${hidden}<input type="hidden" name="action" value="${action}"><button type="submit" class="${kind}">${escapeHtml(label)}</button></form>`;
      const feedTable =
        feeds.length === 0
          ? `<p>${escapeHtml(texts.noFeeds)}</p>`
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
                `<code>${escapeHtml(feed.url)}</code> <span class="muted">${escapeHtml(feed.format)}</span>`,
                escapeHtml(care.everyMinutes(feed.scheduleMinutes)),
                `<span class="badge feed-${feed.health}">${escapeHtml(care.healths[feed.health])}</span>${feed.consecutiveFailures ? `<br><span class="muted">${escapeHtml(care.failuresInARow(feed.consecutiveFailures))}: ${escapeHtml(feed.lastError ?? '')}</span>` : ''}`,
                `${when(feed.lastAttemptAt)}${feed.lastOutcome ? `<br><span class="muted">${escapeHtml(care.outcomes[feed.lastOutcome])}</span>` : ''}`,
                when(feed.lastSuccessAt),
                String(feed.records),
                String(feed.lastRunRejected ?? 0),
                `<div class="actions">${feedButton(feed.id, 'harvest', texts.harvestNow, 'secondary')}${feedButton(feed.id, 'remove', texts.removeFeed, 'danger')}</div>`,
              ]),
            );
      const feedAdd = `<details><summary>${escapeHtml(texts.addFeed)}</summary><form method="post" action="/advisers/provider/feeds">${csrfField(csrfToken)}${hidden}<p>${escapeHtml(texts.addFeedIntro)}</p>
<label for="feed-url">${escapeHtml(texts.feedUrl)}</label><input id="feed-url" name="url" type="url" required maxlength="2000" placeholder="https://">
<label for="feed-format">${escapeHtml(texts.feedFormat)}</label><select id="feed-format" name="format">${feedFormatsOnPage.map((format) => `<option value="${format}">${format}</option>`).join('')}</select>
<label for="feed-hours">${escapeHtml(texts.everyHours)}</label><input id="feed-hours" name="hours" type="number" min="1" max="168" value="24" required>
<p><button type="submit">${escapeHtml(texts.register)}</button></p></form></details>`;

      const runs = await listProviderRuns(pool, { providerId: provider.id, limit: 10 });
      const runTable =
        runs.length === 0
          ? `<p>${escapeHtml(texts.noRuns)}</p>`
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
                `<a href="/advisers/provider/runs/${encodeURIComponent(run.id)}${scope}">${when(run.startedAt)}</a> <span class="muted">${escapeHtml(texts.origins[run.origin])}</span>`,
                `${escapeHtml(care.statuses[run.status])}${run.failure ? `<br><span class="muted">${escapeHtml(run.failure)}</span>` : ''}`,
                `<code>${escapeHtml(run.file)}</code>`,
                String(run.counts.read),
                String(run.counts.inserted),
                String(run.counts.updated),
                run.counts.rejected > 0
                  ? `<a href="/advisers/provider/runs/${encodeURIComponent(run.id)}${scope}">${run.counts.rejected}</a>`
                  : '0',
                String(run.counts.withdrawn),
              ]),
            );

      const totals = await countQualityProblems(pool, { providerId: provider.id });
      const problems = await Promise.all(
        qualityProblemNames.map(async (problem) => {
          const count = totals.problems[problem];
          if (count === 0) return `<li>${escapeHtml(care.problems[problem])}: 0</li>`;
          const offerings = await listProblemOfferings(pool, { problem, providerId: provider.id, limit: 50 });
          return `<li><details><summary>${escapeHtml(care.problems[problem])}: ${count}</summary><ul>${offerings.map((offering) => `<li>${escapeHtml(offering.title)}</li>`).join('')}</ul></details></li>`;
        }),
      );

      const keys = await listProviderKeys(pool, provider.id);
      const keyButton = (keyId: string, action: 'rotate' | 'revoke', label: string, kind: string) =>
        `<form method="post" action="/advisers/provider/keys/${encodeURIComponent(keyId)}">${csrfField(csrfToken)}${hidden}<input type="hidden" name="action" value="${action}"><button type="submit" class="${kind}" aria-label="${escapeHtml(`${label}: ${keyId}`)}">${escapeHtml(label)}</button></form>`;
      const keyTable =
        keys.length === 0
          ? `<p>${escapeHtml(texts.noKeys)}</p>`
          : table(
              ['id', texts.label, texts.created, texts.lastUsed, care.status],
              keys.map((key) => [
                `<code>${escapeHtml(key.id)}</code>`,
                escapeHtml(key.label ?? ''),
                when(key.createdAt),
                when(key.lastUsedAt),
                key.revokedAt
                  ? `${escapeHtml(texts.revoked)} ${when(key.revokedAt)}`
                  : `<div class="actions">${keyButton(key.id, 'rotate', texts.rotate, 'secondary')}${keyButton(key.id, 'revoke', texts.revoke, 'danger')}</div>`,
              ]),
            );

      const ratings = await listProviderRatings(pool, provider.id);
      const ratingTable =
        ratings.length === 0
          ? `<p>${escapeHtml(texts.noRatings)}</p>`
          : table(
              [texts.offering, texts.count, texts.average],
              ratings.map((rating) => [
                escapeHtml(rating.title),
                String(rating.count),
                rating.average === null ? escapeHtml(texts.fewer) : rating.average.toFixed(1),
              ]),
            );

      const invite =
        adviser.role === 'admin'
          ? `<form class="card" method="post" action="/advisers/provider/invite"><h2>${escapeHtml(texts.invite)}</h2><p>${escapeHtml(texts.inviteIntro)}</p>${csrfField(csrfToken)}${hidden}
<label for="invite-email">${escapeHtml(texts.email)}</label><input id="invite-email" name="email" type="email" required maxlength="320">
<label for="invite-name">${escapeHtml(texts.name)}</label><input id="invite-name" name="name" type="text" maxlength="200">
<p><button type="submit">${escapeHtml(texts.inviteButton)}</button></p></form>`
          : '';

      return `<h1>${escapeHtml(texts.title)} – ${escapeHtml(provider.name)}</h1>${message}<p>${escapeHtml(texts.intro)}</p>
<p class="muted">id <code>${escapeHtml(provider.id)}</code></p>
<section class="card"><h2>${escapeHtml(texts.feeds)}</h2>${feedTable}${feedAdd}</section>
<section class="card"><h2>${escapeHtml(texts.runs)}</h2>${runTable}</section>
<section class="card"><h2>${escapeHtml(texts.problems)}</h2><p>${escapeHtml(texts.problemsIntro(totals.offerings))}</p><ul>${problems.join('')}</ul></section>
<section class="card"><h2>${escapeHtml(texts.keys)}</h2><p>${escapeHtml(texts.keysIntro.replace('ID', provider.id))}</p>${keyTable}
<form method="post" action="/advisers/provider/keys">${csrfField(csrfToken)}${hidden}<label for="key-label">${escapeHtml(texts.label)}</label><input id="key-label" name="label" type="text" maxlength="100"><p><button type="submit">${escapeHtml(texts.create)}</button></p></form></section>
<section class="card"><h2>${escapeHtml(texts.ratings)}</h2><p>${escapeHtml(texts.ratingsIntro)}</p>${ratingTable}</section>${invite}`;
    };

    router.get('/', (request, response) => overview(request, response));

    router.get('/runs/:runId', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      const run = provider
        ? await readProviderRun(pool, {
            providerId: provider.id,
            runId: idSchema.parse(request.params.runId),
            offset: 0,
            limit: 1000,
          })
        : null;
      if (!provider || !run) {
        const words = workspaceTexts(adviser.language);
        return page(response, words.notFoundTitle, `<h1>${escapeHtml(words.notFoundTitle)}</h1>`, 404);
      }
      const care = catalogueCareTexts(adviser.language);
      const scope = adviser.role === 'admin' ? `?provider=${encodeURIComponent(provider.id)}` : '';
      const shorten = (raw: string) => (raw.length > 300 ? `${raw.slice(0, 300)}…` : raw);
      const rejections =
        run.rejections.length === 0
          ? `<p>${escapeHtml(texts.none)}</p>`
          : table(
              [texts.line, texts.reason, texts.raw],
              run.rejections.map((rejection) => [
                String(rejection.line),
                escapeHtml(rejection.reason),
                `<code>${escapeHtml(shorten(rejection.raw))}</code>`,
              ]),
            );
      const withdrawals =
        run.withdrawals.length === 0
          ? `<p>${escapeHtml(texts.none)}</p>`
          : `<ul>${run.withdrawals.map((one) => `<li>${escapeHtml(one.title)}</li>`).join('')}</ul>`;
      const held = run.withdrawalsHeld.map((one) => `<li>${escapeHtml(`${one.missing}: ${one.reason}`)}</li>`).join('');
      page(
        response,
        texts.rejectionsOf,
        `<p><a href="/advisers/provider${scope}">${escapeHtml(texts.back)}</a></p><h1>${escapeHtml(formatDateTime(run.startedAt, adviser.language))} · ${escapeHtml(texts.origins[run.origin])}</h1>
<p>${escapeHtml(care.statuses[run.status])}${run.failure ? `: ${escapeHtml(run.failure)}` : ''} · ${escapeHtml(care.read)} ${run.counts.read} · ${escapeHtml(care.inserted)} ${run.counts.inserted} · ${escapeHtml(care.updated)} ${run.counts.updated} · ${escapeHtml(care.rejected)} ${run.counts.rejected} · ${escapeHtml(texts.withdrawals)} ${run.counts.withdrawn}</p>
<section class="card"><h2>${escapeHtml(texts.rejectionsOf)}</h2>${rejections}</section>
<section class="card"><h2>${escapeHtml(texts.withdrawals)}</h2>${withdrawals}${held ? `<h3>${escapeHtml(texts.held)}</h3><ul>${held}</ul>` : ''}</section>`,
      );
    });

    router.post('/feeds', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = feedForm.safeParse(request.body ?? {});
      if (!form.success) return overview(request, response, { kind: 'error', text: texts.addFeedIntro }, 400);
      const feed = await registerFeed(pool, {
        providerId: provider.id,
        url: form.data.url,
        format: form.data.format,
        scheduleMinutes: form.data.hours * 60,
      });
      await recordAudit(pool, {
        actorId: adviser.id,
        action: 'provider_feed.added',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { feedId: feed.id, url: feed.url, format: feed.format },
      });
      return overview(request, response, { kind: 'success', text: texts.feedAdded });
    });

    router.post('/feeds/:feedId', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const feedId = idSchema.parse(request.params.feedId);
      const { action } = feedAction.parse(request.body ?? {});
      // Only this provider's own feed: another provider's feed id is refused like an unknown one.
      const feed = (await listFeedHealth(pool, { staleSchedules, providerId: provider.id })).find(
        (one) => one.id === feedId,
      );
      if (!feed) return overview(request, response, { kind: 'error', text: texts.forbidden }, 404);
      if (action === 'harvest') {
        await harvestFeedSoon(pool, feed.id);
        return overview(request, response, { kind: 'success', text: texts.feedDue });
      }
      await removeFeed(pool, feed.id);
      await recordAudit(pool, {
        actorId: adviser.id,
        action: 'provider_feed.removed',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { feedId: feed.id, url: feed.url },
      });
      return overview(request, response, { kind: 'success', text: texts.feedRemoved });
    });

    router.post('/keys', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = keyForm.parse(request.body ?? {});
      const created = await createProviderKey(pool, { providerId: provider.id, label: form.label || undefined });
      await recordAudit(pool, {
        actorId: adviser.id,
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
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const keyId = idSchema.parse(request.params.keyId);
      const { action } = keyAction.parse(request.body ?? {});
      // Only this provider's own live key: another provider's key id is refused like an unknown one.
      const key = (await listProviderKeys(pool, provider.id)).find((one) => one.id === keyId && !one.revokedAt);
      if (!key) return overview(request, response, { kind: 'error', text: texts.forbidden }, 404);
      const rotated =
        action === 'rotate'
          ? await createProviderKey(pool, { providerId: provider.id, label: key.label ?? undefined })
          : undefined;
      await revokeProviderKey(pool, { id: key.id });
      await recordAudit(pool, {
        actorId: adviser.id,
        action: action === 'rotate' ? 'provider_key.rotated' : 'provider_key.revoked',
        subjectType: 'provider',
        subjectId: provider.id,
        detail: { keyId: key.id, ...(rotated ? { newKeyId: rotated.id } : {}) },
      });
      return overview(
        request,
        response,
        rotated
          ? { kind: 'success', text: texts.keyRotated, secret: { label: texts.newKey, value: rotated.key } }
          : { kind: 'success', text: texts.keyRevoked },
      );
    });

    router.post('/invite', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const texts = providerTexts(adviser.language);
      if (adviser.role !== 'admin') {
        const words = workspaceTexts(adviser.language);
        return page(
          response,
          words.forbiddenTitle,
          `<h1>${escapeHtml(words.forbiddenTitle)}</h1><p>${escapeHtml(words.forbidden)}</p>`,
          403,
        );
      }
      const provider = await providerOf(request, response);
      if (!provider) return overview(request, response, { kind: 'error', text: texts.unknownProvider }, 404);
      const form = inviteForm.parse(request.body ?? {});
      const password = generatePassword();
      const account = await advisers.create({
        email: form.email,
        name: form.name ?? null,
        role: 'provider',
        passwordHash: await hashPassword(password),
      });
      if (!account) return overview(request, response, { kind: 'error', text: texts.emailTaken }, 409);
      await pool.query('UPDATE adviser SET provider_id = $2 WHERE id = $1', [account.id, provider.id]);
      await recordAudit(pool, {
        actorId: adviser.id,
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

const table = (headers: string[], rows: string[][]) =>
  `<div class="table-scroll"><table><thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;

function renderChooser(texts: ProviderTexts, asked: boolean): string {
  return `<h1>${escapeHtml(texts.title)}</h1>${asked ? `<div class="message error" role="alert"><p>${escapeHtml(texts.unknownProvider)}</p></div>` : ''}<p>${escapeHtml(texts.chooseIntro)}</p>
<form class="card" method="get" action="/advisers/provider"><h2>${escapeHtml(texts.choose)}</h2><label for="provider">${escapeHtml(texts.providerName)}</label><input id="provider" name="provider" type="text" required maxlength="200"><p><button type="submit">${escapeHtml(texts.open)}</button></p></form>`;
}
