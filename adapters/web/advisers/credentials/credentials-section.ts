import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { achievementTypes } from '../../../../src/credentials/open-badge.js';
import { VeilederError } from '../../../../src/errors.js';
import type { CredentialService } from '../../../credentials/credential-service.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';

/**
 * Credentials in the advisers' workspace: an adviser records a completion with evidence for a learner and
 * Veileder issues the Open Badges credential; the latest credentials are listed; an admin revokes one
 * (the status list is republished at once). Every action is audited.
 */
export const credentialsSection: WorkspaceSection = {
  path: '/credentials',
  label: { nb: 'Kursbevis', en: 'Credentials' },
  role: 'adviser',
  router(context, { adviser: adviserOf, page: sendPage, audit }) {
    const router = Router();
    const service = (): CredentialService => {
      if (!context.credentials)
        throw new VeilederError({
          code: 'invalid_configuration',
          message: 'credentials are off',
          userMessage: 'Credentials are switched off: set VEILEDER_CREDENTIAL_SECRET.',
        });
      return context.credentials;
    };
    const page = async (response: Response, notice = '') => {
      const adviser = adviserOf(response);
      sendPage(response, {
        title: texts[adviser.language].title,
        body: await renderBody({ service: service(), adviser, csrfToken: response.locals.csrfToken, notice }),
        status: response.statusCode,
      });
    };

    router.get('/', async (_request, response) => page(response));

    router.post('/issue', async (request, response) => {
      const adviser = adviserOf(response);
      const form = issueForm.parse(request.body);
      const issued = await context.useCases.recordAdviserCompletion({
        adviserId: adviser.id,
        completion: {
          learnerId: form.learnerId,
          recipient: { name: form.recipientName, email: form.recipientEmail },
          offeringId: form.offeringId,
          achievementName: form.achievementName,
          description: form.description,
          criteria: form.criteria,
          achievementType: form.achievementType,
          completedAt: form.completedAt,
          validUntil: form.validUntil,
          evidence: [{ url: form.evidenceUrl, name: form.evidenceName, narrative: form.evidenceNarrative }],
        },
      });
      await audit(response, {
        action: 'credential.issue',
        subjectType: 'credential',
        subjectId: issued.id,
        detail: { learnerId: form.learnerId, achievement: issued.credential.credentialSubject.achievement.name },
      });
      if (wantsJson(request)) return void response.status(201).json({ id: issued.id, jwt: issued.jwt });
      await page(response, `${texts[adviser.language].issued} ${issued.id}`);
    });

    router.post('/:id/revoke', async (request, response) => {
      const adviser = adviserOf(response);
      if (adviser.role !== 'admin') {
        response.status(403);
        if (wantsJson(request))
          return void response.json({
            error: { code: 'forbidden', message: 'Only an admin can revoke a credential.' },
          });
        return void (await page(response, texts[adviser.language].adminOnly));
      }
      const { reason } = z.object({ reason: z.string().trim().max(500).optional() }).parse(request.body ?? {});
      const record = await service().revoke({ credentialId: String(request.params.id), reason: reason || null });
      await audit(response, {
        action: 'credential.revoke',
        subjectType: 'credential',
        subjectId: record.id,
        detail: { reason: reason ?? null },
      });
      if (wantsJson(request)) return void response.json({ id: record.id, revokedAt: record.revokedAt });
      await page(response, `${texts[adviser.language].revoked} ${record.id}`);
    });
    return router;
  },
};

const wantsJson = (request: Request) =>
  request.is('application/json') === 'application/json' || request.accepts(['html', 'json']) === 'json';

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max).optional(),
  );
const optionalDate = z.preprocess(
  (value) => (value === '' || value === undefined ? undefined : value),
  z.coerce.date().optional(),
);

const issueForm = z.object({
  learnerId: z.string().trim().min(1, 'learnerId: give the learner id').max(100),
  recipientName: z.string().trim().min(1, 'recipientName: the name that should stand on the credential').max(200),
  recipientEmail: z.preprocess((value) => (value === '' ? undefined : value), z.email().max(320).optional()),
  offeringId: optionalText(100),
  achievementName: optionalText(300),
  description: optionalText(5000),
  criteria: z.string().trim().min(1, 'criteria: what the learner did to earn it').max(5000),
  achievementType: z.enum(achievementTypes).default('Course'),
  completedAt: optionalDate,
  validUntil: optionalDate,
  evidenceUrl: optionalText(2000).pipe(
    z
      .string()
      .regex(/^https?:\/\//, 'evidenceUrl must be an http(s) URL')
      .optional(),
  ),
  evidenceName: optionalText(300),
  evidenceNarrative: optionalText(5000),
});

const texts = {
  nb: {
    title: 'Kursbevis',
    record: 'Registrer fullført kurs',
    learner: 'Læringsbrukerens id',
    name: 'Navn på beviset (innehaver)',
    email: 'E-post (lagres bare som hash i beviset)',
    offering: 'Tilbuds-id (valgfritt)',
    achievement: 'Hva er oppnådd (når det ikke er et tilbud)',
    description: 'Beskrivelse',
    criteria: 'Kriterier: hva personen gjorde',
    type: 'Type',
    completed: 'Fullført dato',
    until: 'Gyldig til (valgfritt)',
    evidenceUrl: 'Dokumentasjon: lenke',
    evidenceName: 'Dokumentasjon: navn',
    evidenceNarrative: 'Dokumentasjon: beskrivelse',
    issue: 'Utsted kursbevis',
    latest: 'Siste kursbevis',
    revoke: 'Trekk tilbake',
    reason: 'Grunn',
    issued: 'Utstedt:',
    revoked: 'Trukket tilbake:',
    adminOnly: 'Bare en administrator kan trekke tilbake et kursbevis.',
    status: 'Status',
    active: 'gyldig',
    withdrawn: 'trukket tilbake',
    none: 'Ingen kursbevis ennå.',
    recipient: 'Innehaver',
    when: 'Utstedt',
    source: 'Kilde',
  },
  en: {
    title: 'Credentials',
    record: 'Record a completion',
    learner: 'Learner id',
    name: 'Name on the credential (holder)',
    email: 'E-mail (only a hash goes into the credential)',
    offering: 'Offering id (optional)',
    achievement: 'What was achieved (when not an offering)',
    description: 'Description',
    criteria: 'Criteria: what the person did',
    type: 'Type',
    completed: 'Completed on',
    until: 'Valid until (optional)',
    evidenceUrl: 'Evidence: link',
    evidenceName: 'Evidence: name',
    evidenceNarrative: 'Evidence: description',
    issue: 'Issue credential',
    latest: 'Latest credentials',
    revoke: 'Revoke',
    reason: 'Reason',
    issued: 'Issued:',
    revoked: 'Revoked:',
    adminOnly: 'Only an admin can revoke a credential.',
    status: 'Status',
    active: 'valid',
    withdrawn: 'revoked',
    none: 'No credentials yet.',
    recipient: 'Holder',
    when: 'Issued',
    source: 'Source',
  },
} as const;

async function renderBody(options: {
  service: CredentialService;
  adviser: WorkspaceAdviser;
  csrfToken: string;
  notice: string;
}): Promise<SafeHtml> {
  const { adviser } = options;
  const text = texts[adviser.language];
  const { rows } = await options.service.pool.query<{
    id: string;
    achievement_name: string;
    recipient_name: string | null;
    issued_at: Date;
    revoked_at: Date | null;
    source: string;
  }>(
    'SELECT id, achievement_name, recipient_name, issued_at, revoked_at, source FROM credential ORDER BY issued_at DESC LIMIT 50',
  );
  const field = (name: string, label: string, type = 'text', required = false) =>
    html`<label>${label}<br><input name="${name}" type="${type}"${required ? ' required' : ''}></label><br>`;
  const list = rows.length
    ? html`<table><thead><tr><th>${text.latest}</th><th>${text.recipient}</th><th>${text.when}</th><th>${text.source}</th><th>${text.status}</th><th></th></tr></thead><tbody>${rows.map(
        (row) =>
          html`<tr data-credential="${row.id}"><td>${row.achievement_name}</td><td>${row.recipient_name ?? '—'}</td><td>${formatDateTime(row.issued_at, adviser.language)}</td><td>${row.source}</td><td>${row.revoked_at ? text.withdrawn : text.active}</td><td>${
            !row.revoked_at && adviser.role === 'admin'
              ? html`<form method="post" action="/advisers/credentials/${encodeURIComponent(row.id.replace('urn:uuid:', ''))}/revoke">${csrfField(options.csrfToken)}<input name="reason" placeholder="${text.reason}"> <button type="submit">${text.revoke}</button></form>`
              : ''
          }</td></tr>`,
      )}</tbody></table>`
    : html`<p>${text.none}</p>`;
  return html`<h1>${text.title}</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
<section><h2>${text.record}</h2>
<form method="post" action="/advisers/credentials/issue">${csrfField(options.csrfToken)}
${field('learnerId', text.learner, 'text', true)}${field('recipientName', text.name, 'text', true)}${field('recipientEmail', text.email, 'email')}
${field('offeringId', text.offering)}${field('achievementName', text.achievement)}${field('description', text.description)}${field('criteria', text.criteria, 'text', true)}
<label>${text.type}<br><select name="achievementType">${achievementTypes.map((type) => html`<option>${type}</option>`)}</select></label><br>
${field('completedAt', text.completed, 'date')}${field('validUntil', text.until, 'date')}${field('evidenceUrl', text.evidenceUrl, 'url')}${field('evidenceName', text.evidenceName)}${field('evidenceNarrative', text.evidenceNarrative)}
<button type="submit">${text.issue}</button></form></section>
<section><h2>${text.latest}</h2>${list}</section>`;
}
