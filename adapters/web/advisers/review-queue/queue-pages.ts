import type { Profile } from '../../../../src/profile/profile.js';
import type { QueueRow, SuggestionSet } from '../../../storage/review-queue-store.js';
import { csrfField, escapeHtml, formatDateTime } from '../html.js';
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
    ? `<span class="badge ${escapeHtml(verdict)}">${escapeHtml(texts.verdicts[verdict as keyof typeof texts.verdicts])}</span>`
    : `<span class="badge">${escapeHtml(texts.notReviewed)}</span>`;
};

const short = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export function renderQueuePage(options: {
  language: WorkspaceLanguage;
  query: QueueQuery;
  rows: QueueRow[];
  total: number;
  pageSize: number;
}): string {
  const { language, query, rows, total, pageSize } = options;
  const texts = queueTexts(language);
  const option = (value: string, label: string, current: string | undefined) =>
    `<option value="${escapeHtml(value)}"${value === (current ?? '') ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const filters = `<form class="card filters" method="get" action="/advisers" role="search" aria-label="${escapeHtml(texts.filters)}">
<div><label for="channel">${escapeHtml(texts.channel)}</label><select id="channel" name="channel">${option('', texts.anyChannel, query.channel)}${['web', 'teams', 'slack', 'terminal'].map((channel) => option(channel, texts.channels[channel]!, query.channel)).join('')}</select></div>
<div><label for="from">${escapeHtml(texts.from)}</label><input id="from" name="from" type="date" value="${escapeHtml(query.from ?? '')}"></div>
<div><label for="to">${escapeHtml(texts.to)}</label><input id="to" name="to" type="date" value="${escapeHtml(query.to ?? '')}"></div>
<div><label for="topic">${escapeHtml(texts.topic)}</label><input id="topic" name="topic" type="search" value="${escapeHtml(query.topic ?? '')}"></div>
<div><label for="reviewed">${escapeHtml(texts.reviewed)}</label><select id="reviewed" name="reviewed">${option('', texts.reviewedAny, query.reviewed)}${option('no', texts.reviewedNo, query.reviewed)}${option('yes', texts.reviewedYes, query.reviewed)}${option('flagged', texts.reviewedFlagged, query.reviewed)}</select></div>
<div><button type="submit">${escapeHtml(texts.apply)}</button></div>
</form>`;
  const table =
    rows.length === 0
      ? `<p class="card" role="status">${escapeHtml(texts.none)}</p>`
      : `<div class="table-scroll"><table class="stack">
<caption class="muted">${escapeHtml(texts.count((query.page - 1) * pageSize + 1, (query.page - 1) * pageSize + rows.length, total))}</caption>
<thead><tr><th scope="col">${escapeHtml(texts.when)}</th><th scope="col">${escapeHtml(texts.channel)}</th><th scope="col">${escapeHtml(texts.learnerSaid)}</th><th scope="col">${escapeHtml(texts.suggested)}</th><th scope="col">${escapeHtml(texts.status)}</th></tr></thead>
<tbody>${rows
          .map(
            (row) => `<tr>
<td data-label="${escapeHtml(texts.when)}"><a href="/advisers/sets/${encodeURIComponent(row.turnId)}">${escapeHtml(formatDateTime(row.createdAt, language))}</a></td>
<td data-label="${escapeHtml(texts.channel)}">${escapeHtml(texts.channels[row.channel] ?? row.channel)}</td>
<td data-label="${escapeHtml(texts.learnerSaid)}">${escapeHtml(short(row.learnerWords, 160))}</td>
<td data-label="${escapeHtml(texts.suggested)}"><ol>${row.titles.map((title) => `<li>${escapeHtml(title)}</li>`).join('')}</ol></td>
<td data-label="${escapeHtml(texts.status)}">${badge(row.verdict, language)}</td>
</tr>`,
          )
          .join('')}</tbody></table></div>`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pager =
    pages > 1
      ? `<nav class="pager" aria-label="${escapeHtml(texts.count(0, 0, total))}">${query.page > 1 ? `<a rel="prev" href="/advisers${queryString(query, query.page - 1)}">${escapeHtml(texts.previous)}</a>` : ''}<span>${query.page} / ${pages}</span>${query.page < pages ? `<a rel="next" href="/advisers${queryString(query, query.page + 1)}">${escapeHtml(texts.next)}</a>` : ''}</nav>`
      : '';
  return `<h1>${escapeHtml(texts.queueTitle)}</h1><p>${escapeHtml(texts.queueIntro)}</p>${filters}${table}${pager}`;
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

function describeReasons(reasons: Record<string, unknown>, language: WorkspaceLanguage): string {
  const texts = queueTexts(language);
  const parts: string[] = [];
  for (const key of ['matchedTerms', 'matchedConcepts', 'constraintsMet', 'profileFit'] as const) {
    const value = reasons[key];
    if (!Array.isArray(value) || value.length === 0) continue;
    const items = value.map((item) =>
      typeof item === 'object' && item && 'label' in item ? String((item as { label: unknown }).label) : String(item),
    );
    parts.push(`<span><strong>${escapeHtml(texts.reasons[key])}:</strong> ${escapeHtml(items.join(', '))}</span>`);
  }
  return parts.join(' · ');
}

export type SearchHit = { id: string; title: string; provider: string };

export function renderSetPage(options: {
  language: WorkspaceLanguage;
  set: SuggestionSet;
  csrfToken: string;
  search: string;
  hits: SearchHit[] | undefined;
  message?: { kind: 'error' | 'success'; text: string } | undefined;
}): string {
  const { language, set } = options;
  const texts = queueTexts(language);
  const conversation = `<ol class="conversation">${set.conversation
    .map(
      (turn) =>
        `<li class="${turn.role}"${turn.isThisSet ? ` id="this-set" aria-label="${escapeHtml(texts.thisSet)}"` : ''}>${escapeHtml(turn.text)}</li>`,
    )
    .join('')}</ol>`;
  const facts = set.profile ? describeProfile(set.profile, language) : [];
  const profile = `${set.consentGiven ? '' : `<p class="muted">${escapeHtml(texts.noConsent)}</p>`}${facts.length ? `<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>` : `<p>${escapeHtml(texts.noProfile)}</p>`}`;
  const offerings = set.offerings
    .map(
      (offering) => `<li class="card">
<h3>${isWebUrl(offering.url) ? `<a href="${escapeHtml(offering.url)}" rel="noopener noreferrer">${escapeHtml(offering.title)}</a>` : escapeHtml(offering.title)} ${offering.status !== 'active' ? escapeHtml(texts.withdrawn) : ''}</h3>
<p class="muted">${escapeHtml(offering.provider)} · ${escapeHtml(texts.score)} ${offering.score.toFixed(3)}</p>
<p>${describeReasons(offering.reasons, language)}</p>
<label><input type="checkbox" name="remove" value="${escapeHtml(offering.offeringId)}" form="review"> ${escapeHtml(texts.remove)}: ${escapeHtml(offering.title)}</label>
</li>`,
    )
    .join('');
  const hits =
    options.hits === undefined
      ? ''
      : options.hits.length === 0
        ? `<p role="status">${escapeHtml(texts.noResults)}</p>`
        : `<ul>${options.hits.map((hit) => `<li><label><input type="checkbox" name="add" value="${escapeHtml(hit.id)}" form="review"> ${escapeHtml(texts.add)}: ${escapeHtml(hit.title)} <span class="muted">(${escapeHtml(hit.provider)})</span></label></li>`).join('')}</ul>`;
  const history = set.reviews.length
    ? `<h2>${escapeHtml(texts.history)}</h2><ul>${set.reviews
        .map((review) => {
          const changes = [
            review.added.length ? `${review.added.length} ${texts.added}` : '',
            review.removed.length ? `${review.removed.length} ${texts.removed}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          return `<li>${escapeHtml(formatDateTime(review.at, language))} ${badge(review.verdict, language)} ${escapeHtml(texts.by)} ${escapeHtml(review.adviserEmail ?? '—')}${changes ? ` · ${escapeHtml(changes)}` : ''}${review.verdict !== 'flagged' ? ` · ${escapeHtml(review.seenAt ? texts.seen : texts.notSeen)}` : ''}${review.comment ? `<br><q>${escapeHtml(review.comment)}</q>` : ''}</li>`;
        })
        .join('')}</ul>`
    : '';
  const ratings = set.ratings.length
    ? `<section aria-labelledby="ratings-heading" class="card"><h2 id="ratings-heading">${escapeHtml(texts.ratings)}</h2><ul>${set.ratings
        .map(
          (rating) =>
            `<li>${rating.score}/5 · ${escapeHtml(rating.offeringTitle ?? texts.wholeSet)}${rating.text ? ` – <q>${escapeHtml(rating.text)}</q>` : ''}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const message = options.message
    ? `<p class="message ${options.message.kind}" role="${options.message.kind === 'error' ? 'alert' : 'status'}">${escapeHtml(options.message.text)}</p>`
    : '';
  const path = `/advisers/sets/${encodeURIComponent(set.turnId)}`;
  return `<p><a href="/advisers">← ${escapeHtml(texts.back)}</a></p>
<h1>${escapeHtml(texts.setTitle)} · ${escapeHtml(formatDateTime(set.createdAt, language))} · ${escapeHtml(texts.channels[set.channel] ?? set.channel)}</h1>
${message}
<section aria-labelledby="conversation-heading" class="card"><h2 id="conversation-heading">${escapeHtml(texts.conversation)}</h2>${conversation}</section>
<section aria-labelledby="profile-heading" class="card"><h2 id="profile-heading">${escapeHtml(texts.profile)}</h2>${profile}</section>
<section aria-labelledby="offerings-heading"><h2 id="offerings-heading">${escapeHtml(texts.offerings)}</h2><ol class="offerings">${offerings}</ol></section>
${ratings}
<section aria-labelledby="search-heading" class="card"><h2 id="search-heading">${escapeHtml(texts.searchTitle)}</h2>
<form method="get" action="${path}" role="search"><label for="q">${escapeHtml(texts.searchLabel)}</label><div class="actions"><input id="q" name="q" type="search" value="${escapeHtml(options.search)}"><button type="submit" class="secondary">${escapeHtml(texts.search)}</button></div></form>
${hits}</section>
<section aria-labelledby="review-heading" class="card"><h2 id="review-heading">${escapeHtml(texts.review)}</h2>
<form id="review" method="post" action="${path}/review">
${csrfField(options.csrfToken)}
<label for="comment">${escapeHtml(texts.comment)}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<p class="actions"><button type="submit" name="verdict" value="approved">${escapeHtml(texts.approve)}</button>
<button type="submit" name="verdict" value="changed" class="secondary">${escapeHtml(texts.change)}</button>
<button type="submit" name="verdict" value="flagged" class="danger">${escapeHtml(texts.flag)}</button></p>
</form></section>
${history}`;
}
