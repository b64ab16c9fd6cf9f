import type { KnownAchievement } from '../../../../src/tender/known-achievements.js';
import { Router, type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { invalidRequest, notFound } from '../../../../src/errors.js';
import { requirementInputSchema, siteInputSchema, type Site } from '../../../../src/site-check/site.js';
import { siteVerdictLabels } from '../../../../src/site-check/site-check-texts.js';
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
import { html, joinHtml, raw, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import { organisationFor } from '../organisations/organisation-access.js';
import type { WorkspaceSection } from '../section.js';
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
  router(context, tools) {
    const { pool } = context.database;
    const router = Router();
    const { adviser: adviserOf } = tools;
    const page = (response: Response, title: string, body: SafeHtml) => tools.page(response, { title, body });
    const audit = (response: Response, action: string, subjectId: string, detail: Record<string, unknown> = {}) =>
      tools.audit(response, { action, subjectType: 'site', subjectId, detail });
    const siteFor = async (response: Response, siteId: string): Promise<Site> => {
      const site = await getSite(pool, siteId);
      if (!site) throw notFound({ what: 'Site', id: siteId });
      await organisationFor({ pool, adviser: adviserOf(response), organisationId: site.organisationId });
      return site;
    };
    const publicBase = () => context.settings.publicUrl ?? context.credentials?.issuer.publicUrl ?? '';

    router.use('/tender', tenderRoutes(context, tools));

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
          html`<h1>${texts.title}</h1><p>${texts.intro}</p><p>${texts.noOrganisations}</p>`,
        );
      const blocks = await Promise.all(
        organisations.map(async (organisation) => {
          const sites = await listSites(pool, organisation.id);
          const list = sites.length
            ? html`<ul>${sites.map((site) => html`<li><a href="/advisers/site-checks/sites/${site.id}">${site.name}</a>${site.municipality ? html` <span class="muted">${site.municipality}</span>` : ''}</li>`)}</ul>`
            : html`<p class="muted">${texts.noSites}</p>`;
          return html`<section><h2>${organisation.name}</h2>${list}<p><a href="/advisers/site-checks/tender/${organisation.id}">${texts.tender}</a></p></section>`;
        }),
      );
      const options = organisations.map(
        (organisation) => html`<option value="${organisation.id}">${organisation.name}</option>`,
      );
      page(
        response,
        texts.title,
        html`<h1>${texts.title}</h1><p>${texts.intro}</p>${blocks}
<section><h2>${texts.newSite}</h2>
<form method="post" action="/advisers/site-checks/sites">${csrfField(response.locals.csrfToken)}
  <label>${texts.organisation} <select name="organisationId" required>${options}</select></label>
  <label>${texts.name} <input name="name" required maxlength="200"></label>
  <label>${texts.address} <input name="address" maxlength="300"></label>
  <label>${texts.municipality} <input name="municipality" maxlength="100"></label>
  <label>${texts.activeFrom} <input type="date" name="activeFrom"></label>
  <label>${texts.activeUntil} <input type="date" name="activeUntil"></label>
  <button type="submit">${texts.create}</button>
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
        context.useCases.listIssuedAchievements(),
      ]);
      page(
        response,
        site.name,
        renderSite({
          retentionDays: context.settings.retentionDays,
          texts,
          site,
          organisationName: organisation.name,
          roles: organisation.roles,
          requirements,
          links,
          checks,
          known,
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
      const rows = check.results.map(
        (worker) =>
          html`<tr data-verdict="${worker.verdict}"><td>${siteVerdictLabels[worker.verdict as keyof typeof siteVerdictLabels]?.[language] ?? worker.verdict}</td><td>${worker.name ?? '—'}</td><td>${joinHtml(
            worker.achievements.map(
              (achievement) =>
                `${achievement.name ?? '—'}${achievement.validUntil ? ` (${achievement.validUntil.slice(0, 10)})` : ''}`,
            ),
            html`<br>`,
          )}</td><td>${joinHtml(
            worker.reasons.map((reason) => reason[language]),
            html`<br>`,
          )}</td></tr>`,
      );
      page(
        response,
        site.name,
        html`${summaryPrintStyle}<h1>${site.name}</h1><p>${texts.checkedAt}: ${formatDateTime(check.checkedAt, language)} · ${texts.checker}: ${check.checker}</p>
<table><thead><tr><th>${texts.result}</th><th>${texts.name}</th><th>${texts.achievementName}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
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
  known: KnownAchievement[];
  made: { url: string; svg: string } | undefined;
  csrfToken: string;
  language: 'nb' | 'en';
}): SafeHtml {
  const { texts, site, csrfToken, language } = options;
  const base = `/advisers/site-checks/sites/${site.id}`;
  const now = Date.now();
  const period = [site.activeFrom, site.activeUntil].some(Boolean)
    ? html`<p>${texts.activeFrom} ${site.activeFrom ?? '—'} · ${texts.activeUntil} ${site.activeUntil ?? '—'}</p>`
    : '';
  const requirements = options.requirements.length
    ? html`<ul>${options.requirements.map((requirement) => html`<li>${requirement.achievementName} <code>${requirement.achievementId}</code> — ${requirement.roleTitle ?? texts.everyone} <form method="post" action="${base}/requirements/${requirement.id}/remove" class="inline">${csrfField(csrfToken)}<button type="submit" class="secondary">${texts.remove}</button></form></li>`)}</ul>`
    : html`<p class="muted">${texts.noRequirements}</p>`;
  const roleOptions = [
    html`<option value="">${texts.everyone}</option>`,
    ...options.roles.map((role) => html`<option value="${role.id}">${role.title}</option>`),
  ];
  const known = options.known.map(
    (achievement) => html`<option value="${achievement.achievementId}">${achievement.achievementName}</option>`,
  );
  const links = options.links.length
    ? html`<ul>${options.links.map((link) => {
        const live = !link.revokedAt && link.expiresAt.getTime() > now;
        const state = link.revokedAt
          ? texts.revoked
          : live
            ? `${texts.until} ${formatDateTime(link.expiresAt, language)}`
            : texts.expired;
        return html`<li>${link.label} — ${state}${live ? html` <form method="post" action="${base}/links/${link.tokenHash}/revoke" class="inline">${csrfField(csrfToken)}<button type="submit" class="secondary">${texts.revoke}</button></form>` : ''}</li>`;
      })}</ul>`
    : html`<p class="muted">${texts.noLinks}</p>`;
  const made = options.made
    ? html`<div class="notice" role="status"><p>${texts.linkMade}</p><p><a href="${options.made.url}" class="site-check-link">${options.made.url}</a></p><div style="max-width:14rem">${/* the QR code's SVG, drawn by the qrcode library from our own URL */ raw(options.made.svg)}</div></div>`
    : '';
  const checks = options.checks.length
    ? html`<table><thead><tr><th>${texts.checkedAt}</th><th>${texts.checker}</th><th>${texts.result}</th><th></th></tr></thead><tbody>${options.checks.map(
        (check) => {
          const counts = new Map<string, number>();
          for (const worker of check.results) counts.set(worker.verdict, (counts.get(worker.verdict) ?? 0) + 1);
          const summary = [...counts]
            .map(
              ([verdict, count]) =>
                `${siteVerdictLabels[verdict as keyof typeof siteVerdictLabels]?.[language] ?? verdict}: ${count}`,
            )
            .join(', ');
          return html`<tr><td>${formatDateTime(check.checkedAt, language)}</td><td>${check.checker}</td><td>${summary}</td><td><a href="${base}/checks/${check.id}">${texts.open}</a></td></tr>`;
        },
      )}</tbody></table>`
    : html`<p class="muted">${texts.noChecks}</p>`;
  return html`<p><a href="/advisers/site-checks">${texts.title}</a> › ${options.organisationName}</p>
<h1>${site.name}</h1>
<p>${[site.address, site.municipality].filter(Boolean).join(', ')}</p>${period}
<section><h2>${texts.requirements}</h2>${requirements}
<form method="post" action="${base}/requirements">${csrfField(csrfToken)}
  <label>${texts.achievementId} <input name="achievementId" required list="known-achievements" maxlength="2000"></label>
  <datalist id="known-achievements">${known}</datalist>
  <label>${texts.achievementName} <input name="achievementName" required maxlength="300"></label>
  <label>${texts.role} <select name="roleId">${roleOptions}</select></label>
  <button type="submit">${texts.addRequirement}</button>
</form></section>
<section><h2>${texts.links}</h2>${made}${links}
<form method="post" action="${base}/links">${csrfField(csrfToken)}
  <label>${texts.linkFor} <input name="label" required maxlength="200"></label>
  <label>${texts.linkDays} <input type="number" name="days" min="1" max="365" value="30"></label>
  <button type="submit">${texts.makeLink}</button>
</form></section>
<section><h2>${texts.checks}</h2><p class="muted">${options.retentionDays > 0 ? texts.retention.replace('{days}', String(options.retentionDays)) : texts.keptUntilDeleted}</p>${checks}</section>
<form method="post" action="${base}/delete">${csrfField(csrfToken)}<button type="submit" class="secondary">${texts.deleteSite}</button></form>`;
}
