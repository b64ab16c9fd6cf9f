import type { FeedOffering } from './feed-offering.js';
import { normaliseLanguages } from './normalise-language.js';
import { eqfLevelOf, normaliseLevel, standardCreditsOf } from './normalise-level.js';
import { normaliseMode, normaliseSchedule } from './normalise-mode.js';
import { feeSignal, hoursPerCredit, parseCredits, parseWorkload } from './normalise-quantities.js';
import type { OfferingRecord } from './offering.js';
import { resolvePlace } from './places.js';
import type { ProviderEntry } from './provider-directory.js';

/**
 * One validated feed record → the normalised `OfferingRecord`. Pure: everything it needs comes in the
 * options (the provider's directory entry decides ownership-based `isFree`; the USD rate comes from
 * configuration). Explicit feed fields always win over what is read from text.
 */

export type NormaliseOfferingOptions = {
  offering: FeedOffering;
  /** The source name the record is stored under (the import's --source, else the record's own). */
  source: string;
  provider: ProviderEntry | undefined;
  usdToNok: number;
};

const moocSources = new Set(['edx', 'coursera', 'udemy', 'futurelearn', 'khan_academy', 'mooc']);
const moocTypes = new Set(['mooc', 'specialization', 'professional_certificate', 'guided_project']);
const moocHosts = /(^|\.)(edx\.org|coursera\.org|udemy\.com|futurelearn\.com)$/i;
/** Coursera programmes that are paid; a single course can be audited free. */
const paidCourseraTypes = new Set(['specialization', 'professional_certificate', 'guided_project']);

export function normaliseOffering(options: NormaliseOfferingOptions): OfferingRecord {
  const { offering, source, provider } = options;
  const extra = offering.extra ?? {};
  const extraText = (key: string) => (typeof extra[key] === 'string' ? (extra[key] as string) : null);
  const type = (offering.type ?? provider?.kind ?? 'unknown').toLowerCase();
  const isMooc =
    moocSources.has(source.toLowerCase()) ||
    moocTypes.has(type) ||
    provider?.kind === 'online_platform' ||
    isMoocUrl(offering.url);
  const title = offering.title;
  const description = offering.description;

  const parsedCredits = offering.credits ?? parseCredits([title, description]);
  const level = normaliseLevel({ given: offering.level, type, title, description, isMooc, credits: parsedCredits });
  const credits = parsedCredits ?? (isMooc ? null : standardCreditsOf(level, title));
  const degreeProgramme = ['one_year', 'bachelor', 'master', 'phd'].includes(level);
  const teaching = { title, description, type, isMooc };
  const workload = parseWorkload([
    offering.workload,
    extraText('effort'),
    extraText('length'),
    extraText('duration'),
    extraText('course_effort'),
    extraText('course_length'),
  ]);
  const places = normalisePlaces(offering.cities?.length ? offering.cities : (offering.city ?? '').split(','));
  const prices = normalisePrices(options);
  const isFree = normaliseIsFree({ ...options, type, isMooc, priceNok: prices.priceNok });
  // "Free" with a price is a free course with a paid certificate or exam (edX: "FREE-Add a Verified
  // Certificate for $199 USD"): the price is that fee, never what following costs.
  const freeWithFee = isFree === true && prices.priceNok !== null && prices.priceNok > 0;
  const priceNok = freeWithFee ? null : prices.priceNok;
  const certificatePriceNok = prices.certificatePriceNok ?? (freeWithFee ? prices.priceNok : null);

  return {
    source,
    externalId: offering.id,
    title,
    description,
    providerName: provider?.name ?? offering.provider,
    url: offering.url ?? null,
    languages: normaliseLanguages({
      given: offering.languages?.length ? offering.languages : offering.language ? [offering.language] : [],
      title,
      description,
    }),
    mode: normaliseMode({ ...teaching, given: offering.mode }),
    schedule: normaliseSchedule({ ...teaching, given: offering.schedule ?? extraText('course_type'), degreeProgramme }),
    cities: places.cities,
    municipalities: offering.municipalities ?? places.municipalities,
    counties: offering.counties ?? places.counties,
    workloadHours:
      offering.workloadHours ?? workload.workloadHours ?? (credits !== null ? credits * hoursPerCredit : null),
    hoursPerWeek: offering.hoursPerWeek ?? workload.hoursPerWeek,
    durationWeeks: offering.durationWeeks ?? workload.durationWeeks,
    startDates: [...new Set((offering.startDates ?? []).map((date) => date.slice(0, 10)))].sort(),
    priceNok,
    isFree,
    certificatePriceNok,
    credits,
    level,
    eqfLevel: offering.eqfLevel ?? eqfLevelOf(level),
    type,
    subjects: offering.subjects ?? (extraText('subject') ? [extraText('subject') as string] : []),
    skills: offering.skills ?? [],
    occupations: offering.occupations ?? [],
    industries: offering.industries ?? [],
  };
}

function isMoocUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    return moocHosts.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Canonical city names plus the municipalities and counties they lie in; unknown names are kept as given. */
export function normalisePlaces(names: string[]): { cities: string[]; municipalities: string[]; counties: string[] } {
  const cities = new Set<string>();
  const municipalities = new Set<string>();
  const counties = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    // "Tilbys på 5 studiesteder" says there are several places, not which.
    if (!name || /studiested|studiestad/i.test(name)) continue;
    const place = resolvePlace(name);
    cities.add(
      place?.kind === 'place' || place?.kind === 'municipality' || place?.kind === 'outside_mainland'
        ? place.name
        : name,
    );
    for (const municipality of place?.municipalities ?? []) municipalities.add(municipality);
    for (const county of place?.counties ?? []) counties.add(county);
  }
  return { cities: [...cities], municipalities: [...municipalities], counties: [...counties] };
}

/**
 * What following costs and what a certificate costs, in NOK. A MOOC's USD price (at the configured rate) is
 * the certificate's when the course is free to audit, else the price of following (a paid programme).
 */
function normalisePrices(options: NormaliseOfferingOptions): {
  priceNok: number | null;
  certificatePriceNok: number | null;
} {
  const { offering, usdToNok } = options;
  const usd = offering.price?.certificate_usd ?? parseUsd(offering.price?.raw);
  const usdInNok = usd === null || usd === undefined ? null : Math.round(usd * usdToNok);
  const freeToAudit = offering.price?.free_to_audit === true || /^free\b/i.test(offering.price?.raw ?? '');
  return {
    priceNok: statedNok(offering) ?? (freeToAudit ? null : usdInNok),
    certificatePriceNok: offering.certificatePriceNok ?? (freeToAudit ? usdInNok : null),
  };
}

function statedNok(offering: FeedOffering): number | null {
  return offering.priceNok ?? offering.price?.nok ?? null;
}

function parseUsd(text: string | null | undefined): number | null {
  const match = text ? /\$\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*USD/i.exec(text) : null;
  const value = match ? Number(match[1] ?? match[2]) : NaN;
  return Number.isFinite(value) ? value : null;
}

/**
 * Whether learning costs nothing. From the feed when it says so; otherwise from who the provider is:
 * public Norwegian universities and university colleges charge no tuition (except where the text names a
 * fee, or for experience-based masters, which may charge), private providers and folk high schools do.
 */
function normaliseIsFree(
  options: NormaliseOfferingOptions & { type: string; isMooc: boolean; priceNok: number | null },
): boolean | null {
  const { offering, provider, source } = options;
  if (offering.isFree !== null && offering.isFree !== undefined) return offering.isFree;
  if (offering.price?.free_to_audit === true) return true;
  if (offering.price?.free_to_audit === false) return false;
  if (/^free\b/i.test(offering.price?.raw ?? '')) return true;
  if (source.toLowerCase() === 'coursera') return !paidCourseraTypes.has(options.type);
  const nok = statedNok(offering);
  if (nok !== null) return nok === 0;
  if (!provider) return null;
  if (provider.kind === 'folk_high_school') return false;
  if (
    provider.country === 'NO' &&
    provider.ownership === 'public' &&
    ['university', 'university_college'].includes(provider.kind)
  ) {
    const fees = feeSignal(`${offering.title}\n${offering.description}`);
    return fees === 'fees' ? false : fees === 'paid_master' ? null : true;
  }
  if (provider.ownership === 'private' && provider.country === 'NO') return false;
  return null;
}
