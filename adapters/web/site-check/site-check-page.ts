import type { SiteCheckResult } from '../../../src/site-check/check-workers.js';
import type { RosterProblem } from '../../../src/site-check/parse-roster.js';
import { siteActivity, type Site, type SiteRequirement } from '../../../src/site-check/site.js';
import { localDate, siteVerdictLabels } from '../../../src/site-check/site-check-texts.js';
import { escapeHtml } from '../advisers/html.js';
import { languageLinks, type PageLanguage } from '../credentials/credential-html.js';
import { siteCheckPageTexts } from './site-check-texts.js';

/**
 * The site manager's page: made for a phone in one hand (big buttons, one column), and for paper (print CSS:
 * the dated list of verdicts with the site and the checker, nothing else).
 */

export type SiteCheckPageOptions = {
  language: PageLanguage;
  site: Site;
  requirements: SiteRequirement[];
  /** The access token, carried in the form so the post is authorised the same way as the page. */
  accessToken: string;
  checker: string;
  roster?: string;
  result?: { check: SiteCheckResult; problems: RosterProblem[]; checkedAt: Date; saved: boolean } | undefined;
  message?: string | undefined;
  now: Date;
};

export function renderSiteCheckPage(options: SiteCheckPageOptions): string {
  const text = siteCheckPageTexts[options.language];
  const { site, language } = options;
  const path = `/site-check/${encodeURIComponent(site.id)}?key=${encodeURIComponent(options.accessToken)}`;
  const activity = siteActivity(site, options.now);
  const activityNote =
    activity === 'not_started'
      ? `<p class="warning">${escapeHtml(text.notStarted.replace('{date}', localDate(`${site.activeFrom}T12:00:00Z`, language)))}</p>`
      : activity === 'ended'
        ? `<p class="warning">${escapeHtml(text.ended.replace('{date}', localDate(`${site.activeUntil}T12:00:00Z`, language)))}</p>`
        : '';
  const place = [site.address, site.municipality].filter(Boolean).join(', ');
  const requirements = options.requirements.length
    ? `<ul class="requirements">${options.requirements.map((requirement) => `<li>${escapeHtml(requirement.achievementName)}${requirement.roleTitle ? ` <span class="muted">(${escapeHtml(text.onlyRole)} ${escapeHtml(requirement.roleTitle)})</span>` : ''}</li>`).join('')}</ul>`
    : `<p class="muted">${escapeHtml(text.noRequirements)}</p>`;

  const body = `<div class="no-print">${languageLinks(path, language)}</div>
<header>
  <h1>${escapeHtml(text.title)}</h1>
  <p class="site"><strong>${escapeHtml(site.name)}</strong>${place ? `<br>${escapeHtml(place)}` : ''}</p>
  ${activityNote}
</header>
<section class="no-print-when-results${options.result ? ' has-results' : ''}">
  <h2>${escapeHtml(text.required)}</h2>
  ${requirements}
</section>
${options.result ? renderResults(options) : ''}
${options.message ? `<p class="warning" role="alert">${escapeHtml(options.message)}</p>` : ''}
<form method="post" action="/site-check/${escapeHtml(encodeURIComponent(site.id))}?lang=${language}" class="no-print" id="check-form">
  <input type="hidden" name="key" value="${escapeHtml(options.accessToken)}">
  <div class="scanner" data-scanned-label="${escapeHtml(text.scanned)}" data-no-camera="${escapeHtml(text.noCamera)}" data-stop-label="${escapeHtml(text.stopScan)}" data-scan-label="${escapeHtml(text.scan)}">
    <button type="button" id="scan-button" class="big" hidden>${escapeHtml(text.scan)}</button>
    <p class="muted" id="scan-help" hidden>${escapeHtml(text.scanHelp)}</p>
    <video id="scan-video" playsinline muted hidden></video>
    <canvas id="scan-canvas" hidden></canvas>
    <p id="scan-status" aria-live="polite"></p>
  </div>
  <label for="roster">${escapeHtml(text.listLabel)}</label>
  <textarea id="roster" name="roster" spellcheck="false" autocomplete="off">${escapeHtml(options.roster ?? '')}</textarea>
  <label for="roster-file" class="muted" id="roster-file-label" hidden>${escapeHtml(text.upload)}</label>
  <input type="file" id="roster-file" accept=".txt,.csv,text/plain,text/csv" hidden>
  <label for="checker">${escapeHtml(text.checker)}</label>
  <input id="checker" name="checker" value="${escapeHtml(options.checker)}" maxlength="200" autocomplete="name">
  <p class="buttons"><button type="submit" class="big">${escapeHtml(text.check)}</button> <button type="submit" name="save" value="1" class="big secondary">${escapeHtml(text.checkAndSave)}</button></p>
  <p class="muted">${escapeHtml(text.privacy)}</p>
</form>`;
  return document({ title: `${text.title} – ${site.name}`, language, body });
}

function renderResults(options: SiteCheckPageOptions): string {
  const text = siteCheckPageTexts[options.language];
  const language = options.language;
  const result = options.result!;
  const counts = Object.entries(result.check.counts)
    .filter(([, count]) => count > 0)
    .map(
      ([verdict, count]) =>
        `<span class="badge ${verdict}">${escapeHtml(siteVerdictLabels[verdict as keyof typeof siteVerdictLabels][language])}: ${count}</span>`,
    )
    .join(' ');
  const rows = result.check.workers
    .map((worker) => {
      const achievements = worker.credentials.filter((credential) => credential.achievementName);
      const names = achievements.map((credential) => escapeHtml(credential.achievementName)).join('<br>') || '—';
      const until =
        achievements
          .map((credential) =>
            escapeHtml(credential.validUntil ? localDate(credential.validUntil, language) : text.noEnd),
          )
          .join('<br>') || '—';
      return `<tr class="worker" data-verdict="${escapeHtml(worker.verdict)}" data-lines="${escapeHtml(worker.lines.join(','))}">
  <td data-label="${escapeHtml(text.verdict)}"><span class="badge ${escapeHtml(worker.verdict)}">${worker.verdict === 'valid' ? '✓' : '✗'} ${escapeHtml(siteVerdictLabels[worker.verdict][language])}</span></td>
  <td data-label="${escapeHtml(text.name)}" class="name">${escapeHtml(worker.name ?? text.unknownName)}${worker.role ? `<br><span class="muted">${escapeHtml(worker.role)}</span>` : ''}</td>
  <td data-label="${escapeHtml(text.achievement)}">${names}</td>
  <td data-label="${escapeHtml(text.validUntil)}">${until}</td>
  <td data-label="${escapeHtml(text.why)}" class="reason">${worker.reasons.map((reason) => escapeHtml(reason[language])).join('<br>')}</td>
</tr>`;
    })
    .join('\n');
  const problems = result.problems.length
    ? `<section class="problems" role="alert"><h3>${escapeHtml(text.problems)}</h3><ul>${result.problems.map((problem) => `<li data-line="${problem.line}"><strong>${escapeHtml(text.line)} ${problem.line}</strong>: ${escapeHtml(problem.message[language])}${problem.text ? ` <code>${escapeHtml(problem.text)}</code>` : ''}</li>`).join('')}</ul></section>`
    : '';
  const stamp = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(result.checkedAt);
  return `<section class="results" aria-live="polite">
  <h2>${escapeHtml(text.results)}</h2>
  <p class="stamp">${escapeHtml(text.site)}: <strong>${escapeHtml(options.site.name)}</strong> · ${escapeHtml(text.checkedAt)}: <strong>${escapeHtml(stamp)}</strong> · ${escapeHtml(text.checker)}: <strong>${escapeHtml(options.checker || '—')}</strong></p>
  ${result.saved ? `<p class="saved no-print">${escapeHtml(text.saved)}</p>` : ''}
  <p class="counts">${counts}</p>
  <table class="verdicts">
    <thead><tr><th>${escapeHtml(text.verdict)}</th><th>${escapeHtml(text.name)}</th><th>${escapeHtml(text.achievement)}</th><th>${escapeHtml(text.validUntil)}</th><th>${escapeHtml(text.why)}</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  ${problems}
  <p class="no-print"><button type="button" id="print-button" class="secondary">${escapeHtml(text.print)}</button></p>
</section>`;
}

/** A standalone page; its only scripts are our own files (the Content-Security-Policy allows 'self' only). */
function document(options: { title: string; language: PageLanguage; body: string }): string {
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="/site-check/assets/site-check.css">
</head>
<body>
${options.body}
<script src="/site-check/assets/jsQR.js" defer></script>
<script src="/site-check/assets/site-check.js" defer></script>
</body>
</html>`;
}

/** A page saying the link does not open anything (no site details: the link may be a guess). */
export function renderLinkProblem(options: {
  language: PageLanguage;
  problem: 'unknown' | 'expired' | 'revoked';
}): string {
  const text = siteCheckPageTexts[options.language];
  return document({
    title: text.title,
    language: options.language,
    body: `<h1>${escapeHtml(text.title)}</h1><p class="warning" data-problem="${options.problem}">${escapeHtml(text.linkProblem[options.problem])}</p>`,
  });
}
