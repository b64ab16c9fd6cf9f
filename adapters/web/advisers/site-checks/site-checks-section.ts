import { Router, type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { invalidRequest, notFound } from '../../../../src/errors.js';
import { requirementInputSchema, siteInputSchema, type Site } from '../../../../src/site-check/site.js';
import { siteVerdictLabels } from '../../../../src/site-check/site-check-texts.js';
import { recordAudit } from '../../../storage/audit-log-store.js';
import { listOrganisations } from '../../../storage/organisation-store.js';
import {
  addRequirement,
  createAccessLink,
  createSite,
  deleteSite,
  getSite,
  listAccessLinks,
  listRequirements,
  listSiteChecks,
  listSites,
  removeRequirement,
  revokeAccessLink,
} from '../../../storage/site-store.js';
import { siteCheckRetentionDays } from '../../routes/site-check.js';
import { csrfField, escapeHtml, formatDateTime } from '../html.js';
import { renderWorkspacePage } from '../layout.js';
import { organisationFor } from '../organisations/organisation-access.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';
import { siteChecksTexts, type SiteChecksTexts } from './site-checks-texts.js';
import { summaryPrintStyle, tenderRoutes } from './tender-routes.js';

/**
 * Site checks in the advisers' workspace (/advisers/site-checks): an organisation's sites with their required
 * credentials, the site managers' secret links (made, shown once with a QR code, withdrawn), the saved
 * checks, and the tender bundles (tender-routes.ts). Owner-only unless admin, like organisations; audited.
 */

const linkFormSchema = z.object({
  label: z.string().trim().min(1).max(200),
  days: z.coerce.number().int().min(1).max(365).default(30),
});

export const siteChecksSection: WorkspaceSection = {
  path: '/site-checks',
  label: { nb: 'Plasskontroll', en: 'Site checks' },
  role: 'adviser',
  router(context) {
    const { pool } = context.database;
    const router = Router();
    const adviserOf = (response: Response) => response.locals.adviser as WorkspaceAdviser;
    const page = (response: Response, title: string, body: string) =>
      response.type('html').send(
        renderWorkspacePage({
          title,
          adviser: adviserOf(response),
          csrfToken: response.locals.csrfToken,
          active: '/site-checks',
          body,
          nonce: response.locals.cspNonce,
        }),
      );
    const audit = (response: Response, action: string, subjectId: string, detail: Record<string, unknown> = {}) =>
      recordAudit(pool, { actorId: adviserOf(response).id, action, subjectType: 'site', subjectId, detail });
    const siteFor = async (response: Response, siteId: string): Promise<Site> => {
      const site = await getSite(pool, siteId);
      if (!site) throw notFound({ what: 'Site', id: siteId });
      await organisationFor({ pool, adviser: adviserOf(response), organisationId: site.organisationId });
      return site;
    };
    const publicBase = () => context.publicUrl ?? context.credentials?.issuer.publicUrl ?? '';

    router.use('/tender', tenderRoutes(context));

    router.get('/', async (_request, response) => {
      const adviser = adviserOf(response);
      const texts = siteChecksTexts(adviser.language);
      const organisations = await listOrganisations(
        pool,
        adviser.role === 'admin' ? {} : { ownerAdviserId: adviser.id },
      );
      if (organisations.length === 0)
        return page(
          response,
          texts.title,
          `<h1>${escapeHtml(texts.title)}</h1><p>${escapeHtml(texts.intro)}</p><p>${escapeHtml(texts.noOrganisations)}</p>`,
        );
      const blocks = await Promise.all(
        organisations.map(async (organisation) => {
          const sites = await listSites(pool, organisation.id);
          const list = sites.length
            ? `<ul>${sites.map((site) => `<li><a href="/advisers/site-checks/sites/${escapeHtml(site.id)}">${escapeHtml(site.name)}</a>${site.municipality ? ` <span class="muted">${escapeHtml(site.municipality)}</span>` : ''}</li>`).join('')}</ul>`
            : `<p class="muted">${escapeHtml(texts.noSites)}</p>`;
          return `<section><h2>${escapeHtml(organisation.name)}</h2>${list}<p><a href="/advisers/site-checks/tender/${escapeHtml(organisation.id)}">${escapeHtml(texts.tender)}</a></p></section>`;
        }),
      );
      const options = organisations
        .map(
          (organisation) => `<option value="${escapeHtml(organisation.id)}">${escapeHtml(organisation.name)}</option>`,
        )
        .join('');
      page(
        response,
        texts.title,
        `<h1>${escapeHtml(texts.title)}</h1><p>${escapeHtml(texts.intro)}</p>${blocks.join('')}
<section><h2>${escapeHtml(texts.newSite)}</h2>
<form method="post" action="/advisers/site-checks/sites">${csrfField(response.locals.csrfToken)}
  <label>${escapeHtml(texts.organisation)} <select name="organisationId" required>${options}</select></label>
  <label>${escapeHtml(texts.name)} <input name="name" required maxlength="200"></label>
  <label>${escapeHtml(texts.address)} <input name="address" maxlength="300"></label>
  <label>${escapeHtml(texts.municipality)} <input name="municipality" maxlength="100"></label>
  <label>${escapeHtml(texts.activeFrom)} <input type="date" name="activeFrom"></label>
  <label>${escapeHtml(texts.activeUntil)} <input type="date" name="activeUntil"></label>
  <button type="submit">${escapeHtml(texts.create)}</button>
</form></section>`,
      );
    });

    router.post('/sites', async (request, response) => {
      const organisationId = z.object({ organisationId: z.string().min(1) }).parse(request.body).organisationId;
      await organisationFor({ pool, adviser: adviserOf(response), organisationId });
      const input = siteInputSchema.parse(request.body);
      const site = await createSite(pool, { organisationId, input, adviserId: adviserOf(response).id });
      await audit(response, 'site.created', site.id, { organisationId, name: site.name });
      response.redirect(303, `/advisers/site-checks/sites/${site.id}`);
    });

    const showSite = async (response: Response, site: Site, made?: { url: string; svg: string }) => {
      const texts = siteChecksTexts(adviserOf(response).language);
      const organisation = await organisationFor({
        pool,
        adviser: adviserOf(response),
        organisationId: site.organisationId,
      });
      const [requirements, links, checks, known] = await Promise.all([
        listRequirements(pool, site.id),
        listAccessLinks(pool, site.id),
        listSiteChecks(pool, { siteId: site.id, now: new Date() }),
        pool.query<{ achievement_id: string; achievement_name: string }>(
          'SELECT DISTINCT achievement_id, achievement_name FROM credential ORDER BY achievement_name LIMIT 200',
        ),
      ]);
      page(
        response,
        site.name,
        renderSite({
          retentionDays: context.retentionDays ?? siteCheckRetentionDays,
          texts,
          site,
          organisationName: organisation.name,
          roles: organisation.roles,
          requirements,
          links,
          checks,
          known: known.rows,
          made,
          csrfToken: response.locals.csrfToken,
          language: adviserOf(response).language,
        }),
      );
    };

    router.get('/sites/:siteId', async (request, response) =>
      showSite(response, await siteFor(response, String(request.params.siteId))),
    );

    router.post('/sites/:siteId/requirements', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      const input = requirementInputSchema.parse(request.body);
      const requirement = await addRequirement(pool, { site, input });
      if (!requirement) throw invalidRequest({ message: 'The role is not one of this organisation’s roles.' });
      await audit(response, 'site.requirement_added', site.id, {
        achievementId: input.achievementId,
        roleId: input.roleId ?? null,
      });
      response.redirect(303, `/advisers/site-checks/sites/${site.id}`);
    });

    router.post('/sites/:siteId/requirements/:requirementId/remove', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      if (!(await removeRequirement(pool, { siteId: site.id, requirementId: String(request.params.requirementId) })))
        throw notFound({ what: 'Requirement', id: String(request.params.requirementId) });
      await audit(response, 'site.requirement_removed', site.id, {
        requirementId: String(request.params.requirementId),
      });
      response.redirect(303, `/advisers/site-checks/sites/${site.id}`);
    });

    router.post('/sites/:siteId/links', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      const form = linkFormSchema.parse(request.body);
      const now = new Date();
      const { token } = await createAccessLink(pool, {
        siteId: site.id,
        label: form.label,
        expiresAt: new Date(now.getTime() + form.days * 86_400_000),
        now,
      });
      await audit(response, 'site.link_created', site.id, { label: form.label, days: form.days });
      const url = `${publicBase()}/site-check/${site.id}?key=${token}`;
      await showSite(response, site, {
        url,
        svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      });
    });

    router.post('/sites/:siteId/links/:tokenHash/revoke', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      await revokeAccessLink(pool, { siteId: site.id, tokenHash: String(request.params.tokenHash), now: new Date() });
      await audit(response, 'site.link_revoked', site.id);
      response.redirect(303, `/advisers/site-checks/sites/${site.id}`);
    });

    router.post('/sites/:siteId/delete', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      await deleteSite(pool, site.id);
      await audit(response, 'site.deleted', site.id, { name: site.name });
      response.redirect(303, '/advisers/site-checks');
    });

    router.get('/sites/:siteId/checks/:checkId', async (request, response) => {
      const site = await siteFor(response, String(request.params.siteId));
      const language = adviserOf(response).language;
      const texts = siteChecksTexts(language);
      const check = (await listSiteChecks(pool, { siteId: site.id, now: new Date() })).find(
        (candidate) => candidate.id === String(request.params.checkId),
      );
      if (!check) throw notFound({ what: 'Site check', id: String(request.params.checkId) });
      await audit(response, 'site_check.read', site.id, { checkId: check.id });
      const rows = check.results
        .map(
          (worker) =>
            `<tr data-verdict="${escapeHtml(worker.verdict)}"><td>${escapeHtml(siteVerdictLabels[worker.verdict as keyof typeof siteVerdictLabels]?.[language] ?? worker.verdict)}</td><td>${escapeHtml(worker.name ?? '—')}</td><td>${worker.achievements.map((achievement) => escapeHtml(`${achievement.name ?? '—'}${achievement.validUntil ? ` (${achievement.validUntil.slice(0, 10)})` : ''}`)).join('<br>')}</td><td>${worker.reasons.map((reason) => escapeHtml(reason[language])).join('<br>')}</td></tr>`,
        )
        .join('');
      page(
        response,
        site.name,
        `${summaryPrintStyle}<h1>${escapeHtml(site.name)}</h1><p>${escapeHtml(texts.checkedAt)}: ${escapeHtml(formatDateTime(check.checkedAt, language))} · ${escapeHtml(texts.checker)}: ${escapeHtml(check.checker)}</p>
<table><thead><tr><th>${escapeHtml(texts.result)}</th><th>${escapeHtml(texts.name)}</th><th>${escapeHtml(texts.achievementName)}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
      );
    });
    return router;
  },
};

function renderSite(options: {
  retentionDays: number;
  texts: SiteChecksTexts;
  site: Site;
  organisationName: string;
  roles: { id: string; title: string }[];
  requirements: Awaited<ReturnType<typeof listRequirements>>;
  links: Awaited<ReturnType<typeof listAccessLinks>>;
  checks: Awaited<ReturnType<typeof listSiteChecks>>;
  known: { achievement_id: string; achievement_name: string }[];
  made: { url: string; svg: string } | undefined;
  csrfToken: string;
  language: 'nb' | 'en';
}): string {
  const { texts, site, csrfToken, language } = options;
  const base = `/advisers/site-checks/sites/${escapeHtml(site.id)}`;
  const now = Date.now();
  const period = [site.activeFrom, site.activeUntil].some(Boolean)
    ? `<p>${escapeHtml(texts.activeFrom)} ${escapeHtml(site.activeFrom ?? '—')} · ${escapeHtml(texts.activeUntil)} ${escapeHtml(site.activeUntil ?? '—')}</p>`
    : '';
  const requirements = options.requirements.length
    ? `<ul>${options.requirements.map((requirement) => `<li>${escapeHtml(requirement.achievementName)} <code>${escapeHtml(requirement.achievementId)}</code> — ${escapeHtml(requirement.roleTitle ?? texts.everyone)} <form method="post" action="${base}/requirements/${escapeHtml(requirement.id)}/remove" class="inline">${csrfField(csrfToken)}<button type="submit" class="secondary">${escapeHtml(texts.remove)}</button></form></li>`).join('')}</ul>`
    : `<p class="muted">${escapeHtml(texts.noRequirements)}</p>`;
  const roleOptions = [
    `<option value="">${escapeHtml(texts.everyone)}</option>`,
    ...options.roles.map((role) => `<option value="${escapeHtml(role.id)}">${escapeHtml(role.title)}</option>`),
  ].join('');
  const known = options.known
    .map(
      (achievement) =>
        `<option value="${escapeHtml(achievement.achievement_id)}">${escapeHtml(achievement.achievement_name)}</option>`,
    )
    .join('');
  const links = options.links.length
    ? `<ul>${options.links
        .map((link) => {
          const live = !link.revokedAt && link.expiresAt.getTime() > now;
          const state = link.revokedAt
            ? texts.revoked
            : live
              ? `${texts.until} ${formatDateTime(link.expiresAt, language)}`
              : texts.expired;
          return `<li>${escapeHtml(link.label)} — ${escapeHtml(state)}${live ? ` <form method="post" action="${base}/links/${escapeHtml(link.tokenHash)}/revoke" class="inline">${csrfField(csrfToken)}<button type="submit" class="secondary">${escapeHtml(texts.revoke)}</button></form>` : ''}</li>`;
        })
        .join('')}</ul>`
    : `<p class="muted">${escapeHtml(texts.noLinks)}</p>`;
  const made = options.made
    ? `<div class="notice" role="status"><p>${escapeHtml(texts.linkMade)}</p><p><a href="${escapeHtml(options.made.url)}" class="site-check-link">${escapeHtml(options.made.url)}</a></p><div style="max-width:14rem">${options.made.svg}</div></div>`
    : '';
  const checks = options.checks.length
    ? `<table><thead><tr><th>${escapeHtml(texts.checkedAt)}</th><th>${escapeHtml(texts.checker)}</th><th>${escapeHtml(texts.result)}</th><th></th></tr></thead><tbody>${options.checks
        .map((check) => {
          const counts = new Map<string, number>();
          for (const worker of check.results) counts.set(worker.verdict, (counts.get(worker.verdict) ?? 0) + 1);
          const summary = [...counts]
            .map(
              ([verdict, count]) =>
                `${siteVerdictLabels[verdict as keyof typeof siteVerdictLabels]?.[language] ?? verdict}: ${count}`,
            )
            .join(', ');
          return `<tr><td>${escapeHtml(formatDateTime(check.checkedAt, language))}</td><td>${escapeHtml(check.checker)}</td><td>${escapeHtml(summary)}</td><td><a href="${base}/checks/${escapeHtml(check.id)}">${escapeHtml(texts.open)}</a></td></tr>`;
        })
        .join('')}</tbody></table>`
    : `<p class="muted">${escapeHtml(texts.noChecks)}</p>`;
  return `<p><a href="/advisers/site-checks">${escapeHtml(texts.title)}</a> › ${escapeHtml(options.organisationName)}</p>
<h1>${escapeHtml(site.name)}</h1>
<p>${escapeHtml([site.address, site.municipality].filter(Boolean).join(', '))}</p>${period}
<section><h2>${escapeHtml(texts.requirements)}</h2>${requirements}
<form method="post" action="${base}/requirements">${csrfField(csrfToken)}
  <label>${escapeHtml(texts.achievementId)} <input name="achievementId" required list="known-achievements" maxlength="2000"></label>
  <datalist id="known-achievements">${known}</datalist>
  <label>${escapeHtml(texts.achievementName)} <input name="achievementName" required maxlength="300"></label>
  <label>${escapeHtml(texts.role)} <select name="roleId">${roleOptions}</select></label>
  <button type="submit">${escapeHtml(texts.addRequirement)}</button>
</form></section>
<section><h2>${escapeHtml(texts.links)}</h2>${made}${links}
<form method="post" action="${base}/links">${csrfField(csrfToken)}
  <label>${escapeHtml(texts.linkFor)} <input name="label" required maxlength="200"></label>
  <label>${escapeHtml(texts.linkDays)} <input type="number" name="days" min="1" max="365" value="30"></label>
  <button type="submit">${escapeHtml(texts.makeLink)}</button>
</form></section>
<section><h2>${escapeHtml(texts.checks)}</h2><p class="muted">${escapeHtml(options.retentionDays > 0 ? texts.retention.replace('{days}', String(options.retentionDays)) : texts.keptUntilDeleted)}</p>${checks}</section>
<form method="post" action="${base}/delete">${csrfField(csrfToken)}<button type="submit" class="secondary">${escapeHtml(texts.deleteSite)}</button></form>`;
}
