import { Router, type Response } from 'express';
import { z } from 'zod';
import { notFound } from '../../../../src/errors.js';
import type { LearnerSummary } from '../../../../src/privacy/learner-records.js';
import type { PurgeRecord } from '../../../../src/privacy/purge-history.js';
import { html, joinHtml, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';
import { privacyTexts, type PrivacyTexts } from './privacy-texts.js';

/**
 * Admins act on a learner's GDPR rights at /advisers/privacy: find them by a channel id or learner id,
 * export everything stored about them (the same JSON the learner gets in chat), or delete them. Advisers
 * cannot open it (role admin). Look-ups, exports and deletions are audited with the learner id only.
 */

const searchSchema = z.object({
  q: z.string().trim().max(300).optional(),
  done: z.enum(['deleted', 'missing']).optional(),
});
const idSchema = z.string().regex(/^[\w-]{1,100}$/, 'must be a learner id');
const deleteSchema = z.object({ confirm: z.literal('yes').optional(), _csrf: z.string().optional() });

export const privacySection: WorkspaceSection = {
  path: '/privacy',
  label: { nb: 'Personvern', en: 'Privacy' },
  role: 'admin',
  router({ useCases }, { adviser: adviserOf, page, audit }) {
    const router = Router();

    const render = async (
      response: Response,
      options: { query?: string; found?: LearnerSummary[]; message?: { kind: 'success' | 'error'; text: string } },
      status = 200,
    ) => {
      const adviser = adviserOf(response);
      const texts = privacyTexts(adviser.language);
      const lastPurge = await useCases.findLastPurge();
      const body = renderPrivacyPage({
        texts,
        adviser,
        csrfToken: response.locals.csrfToken,
        ...options,
        lastPurge,
      });
      page(response, { title: texts.title, body, status });
    };

    router.get('/', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = privacyTexts(adviser.language);
      const { q, done } = searchSchema.parse(request.query);
      const message =
        done === 'deleted'
          ? { kind: 'success' as const, text: texts.deleted }
          : done === 'missing'
            ? { kind: 'error' as const, text: texts.notFound }
            : undefined;
      const found = q ? await useCases.findLearners({ query: q, actorId: adviser.id }) : undefined;
      await render(response, { query: q, found, message });
    });

    router.get('/learners/:id/export.json', async (request, response) => {
      const learnerId = idSchema.parse(request.params.id);
      const exported = await useCases.exportLearnerData({ learnerId });
      if (!exported) throw notFound({ what: 'Learner', id: learnerId });
      await audit(response, {
        action: 'learner.exported',
        subjectType: 'learner',
        subjectId: learnerId,
        detail: { tables: Object.keys(exported.tables).length },
      });
      response.set({
        'Content-Disposition': `attachment; filename="veileder-learner-${learnerId}.json"`,
        'Cache-Control': 'no-store',
      });
      response.type('application/json').send(JSON.stringify(exported, null, 2));
    });

    router.post('/learners/:id/delete', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = privacyTexts(adviser.language);
      const learnerId = idSchema.parse(request.params.id);
      const form = deleteSchema.parse(request.body ?? {});
      if (form.confirm !== 'yes') {
        await render(
          response,
          {
            query: learnerId,
            found: await useCases.findLearners({ query: learnerId, actorId: adviser.id }),
            message: { kind: 'error', text: texts.mustConfirm },
          },
          400,
        );
        return;
      }
      const deleted = await useCases.deleteLearner({ learnerId, actorId: adviser.id });
      response.redirect(303, `/advisers/privacy?done=${deleted ? 'deleted' : 'missing'}`);
    });
    return router;
  },
};

type PageOptions = {
  texts: PrivacyTexts;
  adviser: WorkspaceAdviser;
  csrfToken: string;
  query?: string | undefined;
  found?: LearnerSummary[] | undefined;
  message?: { kind: 'success' | 'error'; text: string } | undefined;
  lastPurge: PurgeRecord | undefined;
};

function renderPrivacyPage(options: PageOptions): SafeHtml {
  const { texts, adviser, csrfToken } = options;
  const notice = options.message
    ? html`<div class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}"><p>${options.message.text}</p></div>`
    : '';
  const when = (date: Date) => formatDateTime(date, adviser.language);
  const rows = (options.found ?? []).map((learner) => {
    const id = encodeURIComponent(learner.learnerId);
    const channels = joinHtml(
      learner.identities.map((identity) => html`${identity.channel}: <code>${identity.externalId}</code>`),
      html`<br>`,
    );
    return html`<tr><td><code>${learner.learnerId}</code></td><td>${channels}</td><td>${when(learner.createdAt)}</td><td>${when(learner.lastSeenAt)}</td>
<td>${texts.consentStates[learner.consent]}</td><td>${learner.conversations}</td><td>${learner.ratings}</td>
<td><div class="actions"><a class="button secondary" href="/advisers/privacy/learners/${id}/export.json" download>${texts.exportJson}</a>
<form method="post" action="/advisers/privacy/learners/${id}/delete">${csrfField(csrfToken)}
<label><input type="checkbox" name="confirm" value="yes" required> ${texts.confirmDelete}</label>
<button type="submit" class="danger">${texts.delete}</button></form></div></td></tr>`;
  });
  const results =
    options.found === undefined
      ? ''
      : options.found.length === 0
        ? html`<p role="status">${texts.noneFound}</p>`
        : html`<div class="table-scroll"><table><thead><tr>${[
            texts.learner,
            texts.channels,
            texts.created,
            texts.lastSeen,
            texts.consent,
            texts.conversations,
            texts.ratings,
            texts.actions,
          ].map((header) => html`<th scope="col">${header}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
  const purge = options.lastPurge
    ? html`${when(options.lastPurge.at)} — ${texts.retentionDays(options.lastPurge.detail.retentionDays ?? 0)} (${options.lastPurge.detail.conversations ?? 0} / ${options.lastPurge.detail.learners ?? 0})`
    : texts.never;
  return html`<h1>${texts.title}</h1>${notice}
<p>${texts.intro}</p>
<form class="card filters" method="get" action="/advisers/privacy" role="search">
  <div><label for="q">${texts.query}</label><input type="search" id="q" name="q" value="${options.query ?? ''}" required></div>
  <div><button type="submit">${texts.find}</button></div>
</form>
${results}
<section class="card"><h2>${texts.retentionTitle}</h2><p>${texts.lastPurge}: ${purge}</p><p><a href="/advisers/audit">${texts.auditLink}</a></p></section>`;
}
