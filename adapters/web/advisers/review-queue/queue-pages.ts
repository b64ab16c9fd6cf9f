import type { Profile } from '../../../../src/profile/profile.js';
import type { OfferingHit, QueueRow, SuggestionSet } from '../../../../src/advisers/suggestion-sets.js';
import { html, joinHtml, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import type { WorkspaceLanguage } from '../section.js';
import { queueTexts } from './queue-texts.js';
import { isWebUrl } from '../../../../src/web-url.js';

/** The review queue's two pages as HTML: the list with filters and paging, and one suggestion set. */

export type QueueQuery = {
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  topic?: string | undefined;
  reviewed?: 'yes' | 'no' | 'flagged' | undefined;
  page: number;
};

const queryString = (query: QueueQuery, page: number) => {
  const params = new URLSearchParams();
  for (const key of ['channel', 'from', 'to', 'topic', 'reviewed'] as const)
    if (query[key]) params.set(key, query[key]!);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
};

const badge = (verdict: string | null, language: WorkspaceLanguage) => {
  const texts = queueTexts(language);
  return verdict
    ? html`<span class="badge ${verdict}">${texts.verdicts[verdict as keyof typeof texts.verdicts]}</span>`
    : html`<span class="badge">${texts.notReviewed}</span>`;
};

const short = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export function renderQueuePage(options: {
  language: WorkspaceLanguage;
  query: QueueQuery;
  rows: QueueRow[];
  total: number;
  pageSize: number;
}): SafeHtml {
  const { language, query, rows, total, pageSize } = options;
  const texts = queueTexts(language);
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${value === (current ?? '') ? ' selected' : ''}>${label}</option>`;
  const filters = html`<form class="card filters" method="get" action="/advisers" role="search" aria-label="${texts.filters}">
<div><label for="channel">${texts.channel}</label><select id="channel" name="channel">${option('', texts.anyChannel, query.channel)}${['web', 'teams', 'slack', 'terminal'].map((channel) => option(channel, texts.channels[channel]!, query.channel))}</select></div>
<div><label for="from">${texts.from}</label><input id="from" name="from" type="date" value="${query.from ?? ''}"></div>
<div><label for="to">${texts.to}</label><input id="to" name="to" type="date" value="${query.to ?? ''}"></div>
<div><label for="topic">${texts.topic}</label><input id="topic" name="topic" type="search" value="${query.topic ?? ''}"></div>
<div><label for="reviewed">${texts.reviewed}</label><select id="reviewed" name="reviewed">${option('', texts.reviewedAny, query.reviewed)}${option('no', texts.reviewedNo, query.reviewed)}${option('yes', texts.reviewedYes, query.reviewed)}${option('flagged', texts.reviewedFlagged, query.reviewed)}</select></div>
<div><button type="submit">${texts.apply}</button></div>
</form>`;
  const table =
    rows.length === 0
      ? html`<p class="card" role="status">${texts.none}</p>`
      : html`<div class="table-scroll"><table class="stack">
<caption class="muted">${texts.count((query.page - 1) * pageSize + 1, (query.page - 1) * pageSize + rows.length, total)}</caption>
<thead><tr><th scope="col">${texts.when}</th><th scope="col">${texts.channel}</th><th scope="col">${texts.learnerSaid}</th><th scope="col">${texts.suggested}</th><th scope="col">${texts.status}</th></tr></thead>
<tbody>${rows.map(
          (row) => html`<tr>
<td data-label="${texts.when}"><a href="/advisers/sets/${encodeURIComponent(row.turnId)}">${formatDateTime(row.createdAt, language)}</a></td>
<td data-label="${texts.channel}">${texts.channels[row.channel] ?? row.channel}</td>
<td data-label="${texts.learnerSaid}">${short(row.learnerWords, 160)}</td>
<td data-label="${texts.suggested}"><ol>${row.titles.map((title) => html`<li>${title}</li>`)}</ol></td>
<td data-label="${texts.status}">${badge(row.verdict, language)}</td>
</tr>`,
        )}</tbody></table></div>`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pager =
    pages > 1
      ? html`<nav class="pager" aria-label="${texts.count(0, 0, total)}">${query.page > 1 ? html`<a rel="prev" href="/advisers${queryString(query, query.page - 1)}">${texts.previous}</a>` : ''}<span>${query.page} / ${pages}</span>${query.page < pages ? html`<a rel="next" href="/advisers${queryString(query, query.page + 1)}">${texts.next}</a>` : ''}</nav>`
      : '';
  return html`<h1>${texts.queueTitle}</h1><p>${texts.queueIntro}</p>${filters}${table}${pager}`;
}

function describeProfile(profile: Profile, language: WorkspaceLanguage): [string, string][] {
  const en = language === 'en';
  const facts: [string, string][] = [];
  const add = (nb: string, english: string, value: string | undefined) =>
    value && facts.push([en ? english : nb, value]);
  add(
    'Yrke',
    'Occupation',
    profile.occupation
      ? `${profile.occupation.text}${profile.occupation.label ? ` (${profile.occupation.label}${profile.occupation.code ? `, STYRK ${profile.occupation.code}` : ''})` : ''}`
      : undefined,
  );
  add('Bransje', 'Industry', profile.industry?.label);
  add('Utdanning', 'Education', profile.educationLevel);
  add('Mål', 'Goals', profile.goals.join(', ') || undefined);
  add('Emner', 'Topics', profile.topics.join(', ') || undefined);
  add(
    'Tid',
    'Time',
    profile.time
      ? [
          profile.time.hoursPerWeek !== undefined ? `${profile.time.hoursPerWeek} ${en ? 'h/week' : 't/uke'}` : '',
          profile.time.partTime ? (en ? 'beside work' : 'ved siden av jobb') : '',
          profile.time.evenings ? (en ? 'evenings' : 'kveld') : '',
          profile.time.weekends ? (en ? 'weekends' : 'helg') : '',
        ]
          .filter(Boolean)
          .join(', ') || undefined
      : undefined,
  );
  add(
    'Budsjett',
    'Budget',
    profile.budget
      ? profile.budget.free
        ? en
          ? 'free only'
          : 'bare gratis'
        : profile.budget.maxNok !== undefined
          ? `≤ ${profile.budget.maxNok} kr`
          : undefined
      : undefined,
  );
  add('Form', 'Mode', profile.modes.join(', ') || undefined);
  add('Sted', 'Places', profile.places.join(', ') || undefined);
  add('Nivå', 'Levels', profile.levels.join(', ') || undefined);
  add('Akkreditert', 'Accredited', profile.accreditedOnly ? (en ? 'only accredited' : 'bare akkrediterte') : undefined);
  add('Unngå', 'Avoid', profile.avoid.join(', ') || undefined);
  return facts;
}

function describeReasons(reasons: Record<string, unknown>, language: WorkspaceLanguage): SafeHtml {
  const texts = queueTexts(language);
  const parts: SafeHtml[] = [];
  for (const key of ['matchedTerms', 'matchedConcepts', 'constraintsMet', 'profileFit'] as const) {
    const value = reasons[key];
    if (!Array.isArray(value) || value.length === 0) continue;
    const items = value.map((item) =>
      typeof item === 'object' && item && 'label' in item ? String((item as { label: unknown }).label) : String(item),
    );
    parts.push(html`<span><strong>${texts.reasons[key]}:</strong> ${items.join(', ')}</span>`);
  }
  return joinHtml(parts, ' · ');
}

export function renderSetPage(options: {
  language: WorkspaceLanguage;
  set: SuggestionSet;
  csrfToken: string;
  search: string;
  hits: OfferingHit[] | undefined;
  message?: { kind: 'error' | 'success'; text: string } | undefined;
}): SafeHtml {
  const { language, set } = options;
  const texts = queueTexts(language);
  const conversation = html`<ol class="conversation">${set.conversation.map(
    (turn) =>
      html`<li class="${turn.role}"${turn.isThisSet ? html` id="this-set" aria-label="${texts.thisSet}"` : ''}>${turn.text}</li>`,
  )}</ol>`;
  const facts = set.profile ? describeProfile(set.profile, language) : [];
  const profile = html`${set.consentGiven ? '' : html`<p class="muted">${texts.noConsent}</p>`}${facts.length ? html`<dl>${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>` : html`<p>${texts.noProfile}</p>`}`;
  const offerings = set.offerings.map(
    (offering) => html`<li class="card">
<h3>${isWebUrl(offering.url) ? html`<a href="${offering.url}" rel="noopener noreferrer">${offering.title}</a>` : offering.title} ${offering.status !== 'active' ? texts.withdrawn : ''}</h3>
<p class="muted">${offering.provider} · ${texts.score} ${offering.score.toFixed(3)}</p>
<p>${describeReasons(offering.reasons, language)}</p>
<label><input type="checkbox" name="remove" value="${offering.offeringId}" form="review"> ${texts.remove}: ${offering.title}</label>
</li>`,
  );
  const hits =
    options.hits === undefined
      ? ''
      : options.hits.length === 0
        ? html`<p role="status">${texts.noResults}</p>`
        : html`<ul>${options.hits.map((hit) => html`<li><label><input type="checkbox" name="add" value="${hit.id}" form="review"> ${texts.add}: ${hit.title} <span class="muted">(${hit.provider})</span></label></li>`)}</ul>`;
  const history = set.reviews.length
    ? html`<h2>${texts.history}</h2><ul>${set.reviews.map((review) => {
        const changes = [
          review.added.length ? `${review.added.length} ${texts.added}` : '',
          review.removed.length ? `${review.removed.length} ${texts.removed}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        return html`<li>${formatDateTime(review.at, language)} ${badge(review.verdict, language)} ${texts.by} ${review.adviserEmail ?? '—'}${changes ? html` · ${changes}` : ''}${review.verdict !== 'flagged' ? html` · ${review.seenAt ? texts.seen : texts.notSeen}` : ''}${review.comment ? html`<br><q>${review.comment}</q>` : ''}</li>`;
      })}</ul>`
    : '';
  const ratings = set.ratings.length
    ? html`<section aria-labelledby="ratings-heading" class="card"><h2 id="ratings-heading">${texts.ratings}</h2><ul>${set.ratings.map(
        (rating) =>
          html`<li>${rating.score}/5 · ${rating.offeringTitle ?? texts.wholeSet}${rating.text ? html` – <q>${rating.text}</q>` : ''}</li>`,
      )}</ul></section>`
    : '';
  const message = options.message
    ? html`<p class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}">${options.message.text}</p>`
    : '';
  const path = `/advisers/sets/${encodeURIComponent(set.turnId)}`;
  return html`<p><a href="/advisers">← ${texts.back}</a></p>
<h1>${texts.setTitle} · ${formatDateTime(set.createdAt, language)} · ${texts.channels[set.channel] ?? set.channel}</h1>
${message}
<section aria-labelledby="conversation-heading" class="card"><h2 id="conversation-heading">${texts.conversation}</h2>${conversation}</section>
<section aria-labelledby="profile-heading" class="card"><h2 id="profile-heading">${texts.profile}</h2>${profile}</section>
<section aria-labelledby="offerings-heading"><h2 id="offerings-heading">${texts.offerings}</h2><ol class="offerings">${offerings}</ol></section>
${ratings}
<section aria-labelledby="search-heading" class="card"><h2 id="search-heading">${texts.searchTitle}</h2>
<form method="get" action="${path}" role="search"><label for="q">${texts.searchLabel}</label><div class="actions"><input id="q" name="q" type="search" value="${options.search}"><button type="submit" class="secondary">${texts.search}</button></div></form>
${hits}</section>
<section aria-labelledby="review-heading" class="card"><h2 id="review-heading">${texts.review}</h2>
<form id="review" method="post" action="${path}/review">
${csrfField(options.csrfToken)}
<label for="comment">${texts.comment}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<p class="actions"><button type="submit" name="verdict" value="approved">${texts.approve}</button>
<button type="submit" name="verdict" value="changed" class="secondary">${texts.change}</button>
<button type="submit" name="verdict" value="flagged" class="danger">${texts.flag}</button></p>
</form></section>
${history}`;
}
