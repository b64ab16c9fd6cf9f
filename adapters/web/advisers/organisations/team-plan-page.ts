import type { TeamPlan } from '../../../../src/organisations/team-plan.js';
import { gapSentence } from '../../../../src/skill-evidence/gap-sentence.js';
import { escapeHtml } from '../html.js';
import type { OrganisationTexts } from './organisation-texts.js';
import { isWebUrl } from '../../../../src/web-url.js';

/**
 * The team plan as a printable page body: one section per role (coverage, skills with their offerings,
 * gaps), print CSS that drops the workspace's navigation and keeps each role's table together on paper.
 */

const printStyle = `<style>
@media print {
  header.top, .no-print, .skip-link { display: none !important; }
  body { font-size: 10.5pt; color: #000; background: #fff; }
  a { color: #000; text-decoration: none; }
  section.role { break-inside: avoid-page; page-break-inside: avoid; }
  h2 { break-after: avoid; }
}
.plan table { width: 100%; border-collapse: collapse; }
.plan td, .plan th { border-bottom: 1px solid #ccc; padding: 0.3rem; text-align: left; vertical-align: top; }
.plan .gap { color: #8a1c1c; }
</style>`;

export function renderTeamPlanBody(options: { plan: TeamPlan; texts: OrganisationTexts; csvUrl: string }): string {
  const { plan, texts } = options;
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  const roles = plan.roles.map((role) => {
    const rows = role.skills.map((skill) => {
      const offerings = skill.offerings.length
        ? `<ul>${skill.offerings.map((offering) => `<li>${isWebUrl(offering.url) ? `<a href="${escapeHtml(offering.url)}">${escapeHtml(offering.title)}</a>` : escapeHtml(offering.title)} — ${escapeHtml(offering.provider)}${offering.isFree ? ` (${escapeHtml(texts.free)})` : offering.priceNok !== null ? ` (${escapeHtml(offering.priceNok)} kr)` : ''}<br><small>${escapeHtml(texts.evidence[offering.evidence.basis])}</small></li>`).join('')}</ul>`
        : `<span class="gap">${escapeHtml(texts.gaps)}</span>`;
      return `<tr><th scope="row">${escapeHtml(skill.label)}<br><small>${percent(skill.share)} ${escapeHtml(texts.share)}</small></th><td>${offerings}</td></tr>`;
    });
    const whole = role.roleOfferings.length
      ? `<p><strong>${escapeHtml(texts.wholeRole)}:</strong> ${role.roleOfferings.map((offering) => escapeHtml(`${offering.title} — ${offering.provider} (${texts.routes[offering.route.kind]})`)).join('; ')}</p>`
      : '';
    return `<section class="role card"><h2>${escapeHtml(role.title)} <small>(STYRK ${escapeHtml(role.styrkCode)} ${escapeHtml(role.styrkLabel ?? '')}, ${escapeHtml(role.headcount)})</small></h2>
<p>${escapeHtml(texts.coverage)}: <strong>${role.coverage.covered}/${role.coverage.skills} (${percent(role.coverage.share)})</strong></p>
<table><thead><tr><th scope="col">${escapeHtml(texts.skills)}</th><th scope="col">${escapeHtml(texts.assignments)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${role.gaps.length ? `<p class="gap">${escapeHtml(gapSentence({ labels: role.gaps.map((gap) => gap.label), language: texts.language }))}</p>` : ''}${whole}</section>`;
  });
  return `${printStyle}<div class="plan"><h1>${escapeHtml(texts.teamPlan)}: ${escapeHtml(plan.organisation.name)}</h1>
<p>${escapeHtml(texts.coverage)}: <strong>${plan.coverage.covered}/${plan.coverage.skills} (${percent(plan.coverage.share)})</strong>${plan.freeFirst ? ` — ${escapeHtml(texts.freeFirst)}` : ''}</p>
<p class="no-print"><a href="${escapeHtml(options.csvUrl)}">${escapeHtml(texts.csv)}</a></p>
${roles.join('\n')}</div>`;
}
