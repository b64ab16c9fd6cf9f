import { Router, type Response } from 'express';
import { z } from 'zod';
import { notFound, VeilederError } from '../../../../src/errors.js';
import type { TenderSummaryRow } from '../../../../src/tender/tender-presentation.js';
import type { CredentialService } from '../../../credentials/credential-service.js';
import { createTenderBundle, readTenderBundle } from '../../../credentials/tender-bundle.js';
import { getTenderBundle, listTenderBundles } from '../../../storage/tender-store.js';
import type { HttpContext } from '../../routes/route-module.js';
import { sendCsv, toCsv } from '../csv.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import { organisationFor } from '../organisations/organisation-access.js';
import type { SectionTools } from '../section.js';
import { siteChecksTexts, type SiteChecksTexts } from './site-checks-texts.js';

/**
 * Tender bundles (/advisers/site-checks/tender/:organisationId): choose by achievement, skill or role, make
 * the bundle, then download the Verifiable Presentation (JSON), the summary as CSV, or print the summary.
 */

/** On paper: the summary without the workspace around it; the verification links written out. */
export const summaryPrintStyle = html`<style>
.print-only { display: none; }
@media print {
  header.top, .no-print, .skip, form { display: none !important; }
  .print-only { display: inline; font-size: 8pt; overflow-wrap: anywhere; }
  table { width: 100%; border-collapse: collapse; font-size: 10pt; }
  th, td { border-bottom: 1px solid #999; text-align: left; vertical-align: top; padding: 2pt 4pt; }
  tr { break-inside: avoid; }
}
</style>`;

const optional = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().max(2000).optional(),
);
const bundleFormSchema = z.object({
  title: z.string().trim().min(1).max(200),
  achievementId: optional,
  skill: optional,
  roleId: optional,
  days: z.coerce.number().int().min(1).max(365).default(90),
});

export function tenderRoutes(context: HttpContext, tools: SectionTools): Router {
  const { pool } = context.database;
  const router = Router();
  const { adviser: adviserOf } = tools;
  const credentials = (): CredentialService => {
    if (!context.credentials)
      throw new VeilederError({
        code: 'invalid_configuration',
        message: 'credentials are switched off',
        userMessage: 'Credentials are switched off on this server: set VEILEDER_CREDENTIAL_SECRET.',
      });
    return context.credentials;
  };
  const audit = (response: Response, action: string, subjectId: string, detail: Record<string, unknown> = {}) =>
    tools.audit(response, { action, subjectType: 'organisation', subjectId, detail });
  const page = (response: Response, title: string, body: SafeHtml) => tools.page(response, { title, body });

  /** A bundle of an organisation this adviser may see, with its contents as of now. */
  const openBundle = async (response: Response, bundleId: string) => {
    const bundle = await getTenderBundle(pool, { bundleId, now: new Date() });
    if (!bundle) throw notFound({ what: 'Tender bundle', id: bundleId });
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: bundle.organisationId,
    });
    const contents = await readTenderBundle({
      credentials: credentials(),
      bundle,
      organisationName: organisation.name,
    });
    await audit(response, 'tender.read', organisation.id, { bundleId });
    return { bundle, organisation, ...contents };
  };

  router.get('/:organisationId', async (request, response) => {
    const adviser = adviserOf(response);
    const texts = siteChecksTexts(adviser.language);
    const organisation = await organisationFor({
      pool,
      adviser,
      organisationId: String(request.params.organisationId),
    });
    const bundles = await listTenderBundles(pool, { organisationId: organisation.id, now: new Date() });
    const known = await context.useCases.listKnownAchievements({ organisationId: organisation.id });
    const achievementOptions = [
      html`<option value="">${texts.anyAchievement}</option>`,
      ...known.map(
        (achievement) => html`<option value="${achievement.achievementId}">${achievement.achievementName}</option>`,
      ),
    ];
    const roleOptions = [
      html`<option value="">${texts.anyRole}</option>`,
      ...organisation.roles.map((role) => html`<option value="${role.id}">${role.title}</option>`),
    ];
    const list = bundles.length
      ? html`<ul>${bundles.map((bundle) => html`<li><a href="/advisers/site-checks/tender/bundles/${bundle.id}">${bundle.title}</a> — ${bundle.items.length} ${texts.credentialsCount}, ${texts.created} ${formatDateTime(bundle.createdAt, adviser.language)}</li>`)}</ul>`
      : html`<p class="muted">${texts.noBundles}</p>`;
    page(
      response,
      texts.tender,
      html`<p><a href="/advisers/site-checks">${texts.title}</a> › ${organisation.name}</p>
<h1>${texts.tender}</h1><p>${texts.tenderIntro}</p>
<form method="post" action="/advisers/site-checks/tender/${organisation.id}">${csrfField(response.locals.csrfToken)}
  <label>${texts.tenderTitle} <input name="title" required maxlength="200"></label>
  <label>${texts.achievement} <select name="achievementId">${achievementOptions}</select></label>
  <label>${texts.skill} <input name="skill" maxlength="2000"></label>
  <label>${texts.role} <select name="roleId">${roleOptions}</select></label>
  <label>${texts.validDays} <input type="number" name="days" min="1" max="365" value="90"></label>
  <button type="submit">${texts.makeBundle}</button>
</form>
<h2>${texts.bundles}</h2>${list}`,
    );
  });

  router.post('/:organisationId', async (request, response) => {
    const adviser = adviserOf(response);
    const organisation = await organisationFor({
      pool,
      adviser,
      organisationId: String(request.params.organisationId),
    });
    const form = bundleFormSchema.parse(request.body);
    const filter = { achievementId: form.achievementId, skill: form.skill, roleId: form.roleId };
    const { bundle, excluded } = await createTenderBundle({
      credentials: credentials(),
      organisationId: organisation.id,
      title: form.title,
      filter,
      adviserId: adviser.id,
      validDays: form.days,
      now: new Date(),
    });
    await audit(response, 'tender.created', organisation.id, {
      bundleId: bundle.id,
      credentials: bundle.items.length,
      excluded,
      filter,
    });
    response.redirect(
      303,
      `/advisers/site-checks/tender/bundles/${bundle.id}${excluded ? `?excluded=${excluded}` : ''}`,
    );
  });

  router.get('/bundles/:bundleId.json', async (request, response) => {
    const { presentation, bundle } = await openBundle(response, String(request.params.bundleId));
    response.set({
      'Content-Disposition': `attachment; filename="tender-${bundle.id}.json"`,
      'Cache-Control': 'no-store',
    });
    response.type('application/vp+json').send(JSON.stringify(presentation, null, 2));
  });

  router.get('/bundles/:bundleId.csv', async (request, response) => {
    const { rows, bundle } = await openBundle(response, String(request.params.bundleId));
    const texts = siteChecksTexts(adviserOf(response).language);
    sendCsv(response, { filename: `tender-${bundle.id}.csv`, csv: toCsv(summaryColumns(texts), rows) });
  });

  router.get('/bundles/:bundleId', async (request, response) => {
    const adviser = adviserOf(response);
    const texts = siteChecksTexts(adviser.language);
    const { rows, bundle, organisation } = await openBundle(response, String(request.params.bundleId));
    const excluded = z.coerce
      .number()
      .int()
      .min(0)
      .catch(0)
      .parse(request.query.excluded ?? 0);
    const base = `/advisers/site-checks/tender/bundles/${bundle.id}`;
    const table = rows.map(
      (row) =>
        html`<tr data-credential="${row.credentialId}"><td>${row.holder}${row.role ? html`<br><span class="muted">${row.role}</span>` : ''}</td><td>${row.achievement}</td><td>${row.issuer}</td><td>${row.validUntil ? row.validUntil.slice(0, 10) : texts.noEnd}</td><td><a href="${row.verificationUrl}">${texts.verify}</a><br><span class="muted print-only">${row.verificationUrl}</span></td></tr>`,
    );
    page(
      response,
      bundle.title,
      html`${summaryPrintStyle}<p class="no-print"><a href="/advisers/site-checks/tender/${organisation.id}">${texts.tender}</a></p>
<h1>${bundle.title} — ${organisation.name}</h1>
<p>${texts.created} ${formatDateTime(bundle.createdAt, adviser.language)} · ${texts.expiresAt} ${formatDateTime(bundle.expiresAt, adviser.language)} · ${rows.length} ${texts.credentialsCount}</p>
${excluded ? html`<p class="notice">${texts.excluded.replace('{count}', String(excluded))}</p>` : ''}
<p class="no-print"><a href="${base}.json" download>${texts.presentation}</a> · <a href="${base}.csv">${texts.summaryCsv}</a></p>
<table class="tender-summary"><thead><tr><th>${texts.holder}</th><th>${texts.achievementName}</th><th>${texts.issuer}</th><th>${texts.validUntil}</th><th>${texts.verify}</th></tr></thead><tbody>${table}</tbody></table>`,
    );
  });
  return router;
}

function summaryColumns(texts: SiteChecksTexts) {
  return [
    { header: texts.holder, value: (row: TenderSummaryRow) => row.holder },
    { header: texts.role, value: (row: TenderSummaryRow) => row.role },
    { header: texts.achievementName, value: (row: TenderSummaryRow) => row.achievement },
    { header: texts.type, value: (row: TenderSummaryRow) => row.achievementType },
    { header: texts.issuer, value: (row: TenderSummaryRow) => row.issuer },
    { header: texts.validUntil, value: (row: TenderSummaryRow) => row.validUntil?.slice(0, 10) ?? '' },
    { header: 'ID', value: (row: TenderSummaryRow) => row.credentialId },
    { header: texts.verify, value: (row: TenderSummaryRow) => row.verificationUrl },
  ];
}
