import type { SiteCheckResult } from '../../../src/site-check/check-workers.js';
import type { RosterProblem } from '../../../src/site-check/parse-roster.js';
import { siteActivity, type Site, type SiteRequirement } from '../../../src/site-check/site.js';
import { localDate, siteVerdictLabels } from '../../../src/site-check/site-check-texts.js';
import { languageLinks, type PageLanguage } from '../credentials/credential-html.js';
import { html, joinHtml, type SafeHtml } from '../html.js';
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
      ? html`<p class="warning">${text.notStarted.replace('{date}', localDate(`${site.activeFrom}T12:00:00Z`, language))}</p>`
      : activity === 'ended'
        ? html`<p class="warning">${text.ended.replace('{date}', localDate(`${site.activeUntil}T12:00:00Z`, language))}</p>`
        : '';
  const place = [site.address, site.municipality].filter(Boolean).join(', ');
  const requirements = options.requirements.length
    ? html`<ul class="requirements">${options.requirements.map((requirement) => html`<li>${requirement.achievementName}${requirement.roleTitle ? html` <span class="muted">(${text.onlyRole} ${requirement.roleTitle})</span>` : ''}</li>`)}</ul>`
    : html`<p class="muted">${text.noRequirements}</p>`;

  const body = html`<div class="no-print">${languageLinks(path, language)}</div>
<header>
  <h1>${text.title}</h1>
  <p class="site"><strong>${site.name}</strong>${place ? html`<br>${place}` : ''}</p>
  ${activityNote}
</header>
<section class="no-print-when-results${options.result ? ' has-results' : ''}">
  <h2>${text.required}</h2>
  ${requirements}
</section>
${options.result ? renderResults(options) : ''}
${options.message ? html`<p class="warning" role="alert">${options.message}</p>` : ''}
<form method="post" action="/site-check/${encodeURIComponent(site.id)}?lang=${language}" class="no-print" id="check-form">
  <input type="hidden" name="key" value="${options.accessToken}">
  <div class="scanner" data-scanned-label="${text.scanned}" data-no-camera="${text.noCamera}" data-stop-label="${text.stopScan}" data-scan-label="${text.scan}">
    <button type="button" id="scan-button" class="big" hidden>${text.scan}</button>
    <p class="muted" id="scan-help" hidden>${text.scanHelp}</p>
    <video id="scan-video" playsinline muted hidden></video>
    <canvas id="scan-canvas" hidden></canvas>
    <p id="scan-status" aria-live="polite"></p>
  </div>
  <label for="roster">${text.listLabel}</label>
  <textarea id="roster" name="roster" spellcheck="false" autocomplete="off">${options.roster ?? ''}</textarea>
  <label for="roster-file" class="muted" id="roster-file-label" hidden>${text.upload}</label>
  <input type="file" id="roster-file" accept=".txt,.csv,text/plain,text/csv" hidden>
  <label for="checker">${text.checker}</label>
  <input id="checker" name="checker" value="${options.checker}" maxlength="200" autocomplete="name">
  <p class="buttons"><button type="submit" class="big">${text.check}</button> <button type="submit" name="save" value="1" class="big secondary">${text.checkAndSave}</button></p>
  <p class="muted">${text.privacy}</p>
</form>`;
  return document({ title: `${text.title} – ${site.name}`, language, body });
}

function renderResults(options: SiteCheckPageOptions): SafeHtml {
  const text = siteCheckPageTexts[options.language];
  const language = options.language;
  const result = options.result!;
  const counts = joinHtml(
    Object.entries(result.check.counts)
      .filter(([, count]) => count > 0)
      .map(
        ([verdict, count]) =>
          html`<span class="badge ${verdict}">${siteVerdictLabels[verdict as keyof typeof siteVerdictLabels][language]}: ${count}</span>`,
      ),
    ' ',
  );
  const rows = joinHtml(
    result.check.workers.map((worker) => {
      const achievements = worker.credentials.filter((credential) => credential.achievementName);
      const names = achievements.length
        ? joinHtml(
            achievements.map((credential) => credential.achievementName),
            html`<br>`,
          )
        : '—';
      const until = achievements.length
        ? joinHtml(
            achievements.map((credential) =>
              credential.validUntil ? localDate(credential.validUntil, language) : text.noEnd,
            ),
            html`<br>`,
          )
        : '—';
      return html`<tr class="worker" data-verdict="${worker.verdict}" data-lines="${worker.lines.join(',')}">
  <td data-label="${text.verdict}"><span class="badge ${worker.verdict}">${worker.verdict === 'valid' ? '✓' : '✗'} ${siteVerdictLabels[worker.verdict][language]}</span></td>
  <td data-label="${text.name}" class="name">${worker.name ?? text.unknownName}${worker.role ? html`<br><span class="muted">${worker.role}</span>` : ''}</td>
  <td data-label="${text.achievement}">${names}</td>
  <td data-label="${text.validUntil}">${until}</td>
  <td data-label="${text.why}" class="reason">${joinHtml(
    worker.reasons.map((reason) => reason[language]),
    html`<br>`,
  )}</td>
</tr>`;
    }),
    '\n',
  );
  const problems = result.problems.length
    ? html`<section class="problems" role="alert"><h3>${text.problems}</h3><ul>${result.problems.map((problem) => html`<li data-line="${problem.line}"><strong>${text.line} ${problem.line}</strong>: ${problem.message[language]}${problem.text ? html` <code>${problem.text}</code>` : ''}</li>`)}</ul></section>`
    : '';
  const stamp = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(result.checkedAt);
  return html`<section class="results" aria-live="polite">
  <h2>${text.results}</h2>
  <p class="stamp">${text.site}: <strong>${options.site.name}</strong> · ${text.checkedAt}: <strong>${stamp}</strong> · ${text.checker}: <strong>${options.checker || '—'}</strong></p>
  ${result.saved ? html`<p class="saved no-print">${text.saved}</p>` : ''}
  <p class="counts">${counts}</p>
  <table class="verdicts">
    <thead><tr><th>${text.verdict}</th><th>${text.name}</th><th>${text.achievement}</th><th>${text.validUntil}</th><th>${text.why}</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  ${problems}
  <p class="no-print"><button type="button" id="print-button" class="secondary">${text.print}</button></p>
</section>`;
}

/** A standalone page; its only scripts are our own files (the Content-Security-Policy allows 'self' only). */
function document(options: { title: string; language: PageLanguage; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${options.title}</title>
<link rel="stylesheet" href="/site-check/assets/site-check.css">
</head>
<body>
${options.body}
<script src="/site-check/assets/jsQR.js" defer></script>
<script src="/site-check/assets/site-check.js" defer></script>
</body>
</html>`.toString();
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
    body: html`<h1>${text.title}</h1><p class="warning" data-problem="${options.problem}">${text.linkProblem[options.problem]}</p>`,
  });
}
