import type { Language } from '../profile/profile.js';
import type { ReplyTemplates, TemplateKey } from '../prompts/reply-templates.js';
import type { RecommendationReasons, ScoredOffering } from '../retrieval/recommender.js';
import type { RatingSummary } from './conversation-store.js';
import { webUrlOrNull } from '../web-url.js';
import type { Suggestion } from './turn.js';

/**
 * One suggestion as the learner sees it. Every field is read from the stored offering (or the ratings);
 * the wording around the facts comes from the reply templates, never from a model.
 */
export function presentOffering(options: {
  scored: ScoredOffering;
  language: Language;
  templates: ReplyTemplates;
  rating: RatingSummary | undefined;
  /** A grounded model-written reason, when there is one; otherwise the reasons are rendered from the template. */
  reason?: string;
}): Suggestion {
  const { scored, language, templates } = options;
  const offering = scored.offering;
  const place =
    offering.cities.length > 0
      ? offering.cities.join(', ')
      : offering.counties.length > 0
        ? offering.counties.join(', ')
        : null;
  return {
    offeringId: offering.id,
    title: offering.title,
    provider: offering.provider.name,
    accredited: offering.provider.accreditedBy,
    isFree: offering.isFree,
    priceNok: offering.priceNok,
    certificatePriceNok: offering.certificatePriceNok,
    price: priceText({
      isFree: offering.isFree,
      priceNok: offering.priceNok,
      certificatePriceNok: offering.certificatePriceNok,
      language,
      templates,
    }),
    mode: offering.mode,
    place: offering.mode === 'online' ? null : place,
    workload: workloadText({ offering, language, templates }),
    rating: options.rating
      ? { average: Math.round(options.rating.average * 10) / 10, count: options.rating.count }
      : null,
    // Rows imported before import checked URLs may still hold javascript: or data: links.
    url: webUrlOrNull(offering.url),
    reason: options.reason ?? reasonText({ reasons: scored.reasons, language, templates }),
  };
}

/**
 * What following costs, then any certificate or exam fee as a fact of its own: "gratis å følge, kursbevis
 * 2 139 kr", never a plain "gratis" for an offering whose certificate costs money.
 */
export function priceText(options: {
  isFree: boolean | null;
  priceNok: number | null;
  certificatePriceNok?: number | null;
  language: Language;
  templates: ReplyTemplates;
}): string {
  const { language, templates } = options;
  const certificate = options.certificatePriceNok ?? null;
  const hasFee = certificate !== null && certificate > 0;
  const follow =
    options.isFree === true
      ? templates.text(language, hasFee ? 'free_to_follow' : 'free')
      : options.priceNok !== null && options.priceNok > 0
        ? templates.text(language, 'price', { amount: formatNumber(options.priceNok, language) })
        : templates.text(language, 'price_unknown');
  return hasFee
    ? `${follow}, ${templates.text(language, 'certificate_price', { amount: formatNumber(certificate, language) })}`
    : follow;
}

function workloadText(options: {
  offering: ScoredOffering['offering'];
  language: Language;
  templates: ReplyTemplates;
}): string | null {
  const { offering, language, templates } = options;
  const parts: string[] = [];
  if (offering.credits)
    parts.push(templates.text(language, 'workload_credits', { credits: formatNumber(offering.credits, language) }));
  if (offering.hoursPerWeek)
    parts.push(templates.text(language, 'workload_per_week', { hours: formatNumber(offering.hoursPerWeek, language) }));
  if (offering.durationWeeks)
    parts.push(templates.text(language, 'workload_weeks', { weeks: formatNumber(offering.durationWeeks, language) }));
  if (parts.length === 0 && offering.workloadHours)
    parts.push(templates.text(language, 'workload_hours', { hours: formatNumber(offering.workloadHours, language) }));
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * One line from the recommender's machine-readable reasons: what it is about (the learner's own words, or an
 * occupation group matched by its whole name), then the requirements and wishes it meets ("deltid · i Bergen ·
 * gratis"). "Fits your time" only when the offering's workload is known and fits the hours the learner has.
 */
export function reasonText(options: {
  reasons: RecommendationReasons;
  language: Language;
  templates: ReplyTemplates;
}): string {
  const { reasons, language, templates } = options;
  const parts: string[] = [];
  const seen = new Set<string>();
  const words = reasons.matchedTerms.filter((term) => !seen.has(term.toLowerCase()) && seen.add(term.toLowerCase()));
  if (words.length > 0)
    parts.push(templates.text(language, 'reason_terms', { terms: listText(words.slice(0, 3), language, templates) }));
  else if (reasons.matchedConcepts.length > 0)
    parts.push(
      templates.text(language, 'reason_concepts', {
        labels: listText(
          reasons.matchedConcepts.slice(0, 2).map((concept) => concept.label),
          language,
          templates,
        ),
      }),
    );
  const extras = new Set<string>();
  const places: string[] = [];
  for (const met of [...reasons.constraintsMet, ...reasons.profileFit]) {
    if (met === 'free') extras.add(templates.text(language, 'reason_free'));
    else if (met === 'mode:online') extras.add(templates.text(language, 'reason_online'));
    else if (met === 'mode:campus') extras.add(templates.text(language, 'reason_campus'));
    else if (met === 'schedule:part_time') extras.add(templates.text(language, 'reason_part_time'));
    else if (met.startsWith('level:'))
      extras.add(
        templates.text(language, 'reason_level', {
          level: templates.text(language, `level_${met.slice(6)}` as TemplateKey),
        }),
      );
    else if (met.startsWith('fits ')) extras.add(templates.text(language, 'reason_time'));
    else if (met.startsWith('accredited:') && reasons.constraintsMet.includes(met))
      extras.add(templates.text(language, 'reason_accredited'));
    else if (met.startsWith('rated ')) extras.add(templates.text(language, 'reason_rated'));
    else if (/^(city|county|region|municipality):/.test(met)) places.push(met.slice(met.indexOf(':') + 1));
  }
  if (places.length > 0)
    extras.add(templates.text(language, 'reason_place', { place: [...new Set(places)].slice(0, 2).join(', ') }));
  if (parts.length === 0) parts.push(templates.text(language, 'reason_generic'));
  return [...parts, ...extras].join(' · ');
}

export function listText(items: string[], language: Language, templates: ReplyTemplates): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${templates.text(language, 'list_and')} ${items.at(-1)}`;
}

// Made once: building an Intl.NumberFormat per number took about 1.5 % of a busy server's CPU (docs/performance.md).
const numberFormats = {
  english: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
  norwegian: new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }),
};

function formatNumber(value: number, language: Language): string {
  return (language === 'en' ? numberFormats.english : numberFormats.norwegian).format(value);
}

/** The suggestion as lines of plain text, for channels without cards and for the reply's `text`. */
export function suggestionText(options: {
  suggestion: Suggestion;
  rank: number;
  language: Language;
  templates: ReplyTemplates;
}): string {
  const { suggestion, rank, language, templates } = options;
  const facts = [
    suggestion.accredited
      ? templates.text(language, 'accredited', { by: suggestion.accredited })
      : templates.text(language, 'not_accredited'),
    suggestion.price,
    [templates.text(language, `mode_${suggestion.mode}`), suggestion.place].filter(Boolean).join(', '),
    suggestion.workload,
    suggestion.rating
      ? templates.text(language, 'rating', { average: suggestion.rating.average, count: suggestion.rating.count })
      : null,
  ].filter((fact): fact is string => Boolean(fact));
  const lines = [
    templates.text(language, 'suggestion_line', { rank, title: suggestion.title, provider: suggestion.provider }),
    `   ${facts.join(' · ')}`,
    `   ${suggestion.reason}`,
  ];
  if (suggestion.url) lines.push(`   ${suggestion.url}`);
  return lines.join('\n');
}
