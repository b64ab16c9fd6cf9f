import type { TeamPlan } from '../../../../src/organisations/team-plan.js';
import { gapSentence } from '../../../../src/skill-evidence/gap-sentence.js';
import { html, joinHtml, type SafeHtml } from '../../html.js';
import type { OrganisationTexts } from './organisation-texts.js';
import { isWebUrl } from '../../../../src/web-url.js';

/**
 * The team plan as a printable page body: one section per role (coverage, skills with their offerings,
 * gaps), print CSS that drops the workspace's navigation and keeps each role's table together on paper.
 */

const printStyle = html`<style>
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

export function renderTeamPlanBody(options: { plan: TeamPlan; texts: OrganisationTexts; csvUrl: string }): SafeHtml {
  const { plan, texts } = options;
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  const roles = plan.roles.map((role) => {
    const rows = role.skills.map((skill) => {
      const offerings = skill.offerings.length
        ? html`<ul>${skill.offerings.map((offering) => html`<li>${isWebUrl(offering.url) ? html`<a href="${offering.url}">${offering.title}</a>` : offering.title} — ${offering.provider}${offering.isFree ? html` (${texts.free})` : offering.priceNok !== null ? html` (${offering.priceNok} kr)` : ''}<br><small>${texts.evidence[offering.evidence.basis]}</small></li>`)}</ul>`
        : html`<span class="gap">${texts.gaps}</span>`;
      return html`<tr><th scope="row">${skill.label}<br><small>${percent(skill.share)} ${texts.share}</small></th><td>${offerings}</td></tr>`;
    });
    const whole = role.roleOfferings.length
      ? html`<p><strong>${texts.wholeRole}:</strong> ${joinHtml(
          role.roleOfferings.map(
            (offering) => `${offering.title} — ${offering.provider} (${texts.routes[offering.route.kind]})`,
          ),
          '; ',
        )}</p>`
      : '';
    return html`<section class="role card"><h2>${role.title} <small>(STYRK ${role.styrkCode} ${role.styrkLabel ?? ''}, ${role.headcount})</small></h2>
<p>${texts.coverage}: <strong>${role.coverage.covered}/${role.coverage.skills} (${percent(role.coverage.share)})</strong></p>
<table><thead><tr><th scope="col">${texts.skills}</th><th scope="col">${texts.assignments}</th></tr></thead><tbody>${rows}</tbody></table>
${role.gaps.length ? html`<p class="gap">${gapSentence({ labels: role.gaps.map((gap) => gap.label), language: texts.language })}</p>` : ''}${whole}</section>`;
  });
  return html`${printStyle}<div class="plan"><h1>${texts.teamPlan}: ${plan.organisation.name}</h1>
<p>${texts.coverage}: <strong>${plan.coverage.covered}/${plan.coverage.skills} (${percent(plan.coverage.share)})</strong>${plan.freeFirst ? html` — ${texts.freeFirst}` : ''}</p>
<p class="no-print"><a href="${options.csvUrl}">${texts.csv}</a></p>
${joinHtml(roles, '\n')}</div>`;
}
