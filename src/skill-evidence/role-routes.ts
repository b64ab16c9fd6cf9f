import type { CatalogueOffering, Level } from '../catalogue/offering.js';
import { normaliseText } from '../retrieval/text-analysis.js';
import {
  closeConcepts,
  findPhrase,
  leadershipPhrases,
  parsePhrase,
  titleShare,
  wordsOf,
  type Phrase,
} from './close-concepts.js';
import { occupationFieldOf } from './occupation-fields.js';
import { otherAudience } from './offering-audience.js';
import type { RolePath } from './role-path.js';

/**
 * Suggestions for a role as a whole, of the kind its level and path call for (role-path.ts), each with the
 * reason it fits:
 *
 * - trade_route: builds on a trade certificate — a y-vei, fagskole, mesterbrev or "for deg med fagbrev"
 *   offering whose title names the role's field (Elkraft y-vei for an electrician, not Nautikk y-vei);
 * - certificate: a short certificate the trade asks for (HMS, førstehjelp, arbeid i høyden, truck, kran …);
 * - leadership: for managers and supervisors, leadership whose title names the role's field
 *   ("Prosjektledelse", "HMS-ledelse" for a site manager) or is about leading people as such;
 * - further_education: a course, further education or one-year study whose title names the field.
 *
 * A title that says whom it is for must name the role's field there, and an offering that says it is for another
 * profession or sector (offering-audience.ts: nurses, school teachers, the armed forces …) is not the role's.
 * Leading is for those who lead: an offering about leading or for leaders ("Salgsledelse", "The CISO's View") is
 * no certificate or further education for a shop worker or user support. An introduction to the field is below
 * a professional or manager, who already holds its higher education. Never a folk-high-school year, a PhD or
 * upper secondary, and no full-time bachelor or master for anyone but
 * a trade route (a y-vei is a bachelor); for trades and elementary work, only offerings taught in a
 * Scandinavian language. A title must name the field: a search hit on the role's name alone
 * ("Spel i læringsarbeid" for a carpenter) is not a suggestion.
 */

type RouteKind = 'trade_route' | 'certificate' | 'leadership' | 'further_education';
export type RouteEvidence = { kind: RouteKind; because: string };

const priorities: Record<RolePath, RouteKind[]> = {
  trade: ['trade_route', 'certificate', 'further_education'],
  supervisor: ['leadership', 'trade_route', 'certificate', 'further_education'],
  manager: ['leadership', 'further_education'],
  technician: ['further_education', 'trade_route', 'certificate'],
  professional: ['further_education'],
  clerical: ['further_education'],
  elementary: ['certificate', 'further_education'],
};

const neverLevels = new Set<Level>(['phd', 'folk_high_school', 'upper_secondary']);
const shortLevels = new Set<Level>(['short_course', 'further_education', 'vocational']);
const furtherLevels = new Set<Level>(['short_course', 'further_education', 'one_year', 'vocational']);

/** Words that say an offering builds on a trade certificate. */
const tradeRouteMarkers = [
  'y-vei',
  'yvei',
  'y vei',
  'yrkesvei',
  'fagskole',
  'fagskolen',
  'fagskoleutdanning',
  'mesterbrev',
  'mesterutdanning',
  'mesterfag',
  'mesterbrevsutdanning',
  'med fagbrev',
  'med fag- og svennebrev',
  'med svennebrev',
];

const leadingPeople = closeConcepts.find((concept) => concept.name === 'leading people')?.teaching ?? [];
/**
 * Leadership as such, without the role's field in the title, counts only as whole words ("Ledelse",
 * "Personalledelse"): a compound ending in -ledelse may lead anything ("ensembleledelse" is conducting).
 */
const leadershipAsSuch = leadingPeople.filter((phrase) => !phrase.text.startsWith('*'));
/** A leadership title about leading as such (not a field) counts when leading fills more than half of it ("IT og ledelse" does not). */
const leadershipTitleShare = 0.6;
const certificateLevels = new Set<Level>(['short_course', 'further_education', 'vocational', 'unknown']);
/** Languages a trade's short courses are taken in here: an English academic MOOC is not a route for a trade. */
const scandinavian = new Set(['nb', 'nn', 'no', 'sv', 'da']);

/** Words that name leaders as an offering's audience or point of view ("for ledere", "The CISO's View"). */
const leaderNames = [
  'leder',
  'ledere',
  'leiar',
  'leiarar',
  'manager',
  'managers',
  'executive',
  'executives',
  'chief',
  'ciso',
  'cio',
  'cto',
  'ceo',
].map(parsePhrase);

/**
 * Words by which an offering says it is an introduction to its subject: in the title, or in the description's
 * first sentences (where it says what it is, not one topic of many). A first year of a bachelor counts anywhere.
 */
const introductionInTitle = [
  'introduction',
  'introduksjon',
  'innføring',
  'fundamentals',
  'basics',
  'grunnkurs',
  'grunnleggende',
].map(parsePhrase);
const introductionInOpening = [
  'innføring i',
  'introduksjon til',
  'introduction to',
  'fundamentals of',
  'grunnleggende innføring',
  'for beginners',
  'for nybegynnere',
].map(parsePhrase);
const firstYearOfDegree = ['første år i', 'fullført år i', 'første studieår', 'first year of'].map(parsePhrase);
const openingSentences = 2;

function isIntroduction(offering: CatalogueOffering): boolean {
  if (firstPhrase(introductionInTitle, offering.title)) return true;
  const opening = offering.description
    .split(/(?<=[.!?])\s+/u)
    .slice(0, openingSentences)
    .join(' ');
  return Boolean(firstPhrase(introductionInOpening, opening) || firstPhrase(firstYearOfDegree, offering.description));
}

/** Words by which a description says it is at master level ("Utdanninga … er på masternivå"). */
const masterLevelWords = ['masternivå', 'mastergradsnivå', 'master level', "master's level"].map(parsePhrase);

export type RoleRouteContext = {
  path: RolePath;
  styrkCode: string;
  field: Phrase[];
  certificates: Phrase[];
  /** The role's own name as a phrase ("helsefagarbeider*"), when it is one word. */
  names: Phrase[];
};

/**
 * The role's field from the shipped table plus the role's own one-word title ("Tømrer" → tømrer*). The
 * STYRK label is left out: its words are often generic ("Ledere av …", "Andre …").
 */
export function roleRouteContext(options: { path: RolePath; styrkCode: string; title: string }): RoleRouteContext {
  const known = occupationFieldOf(options.styrkCode);
  const title = options.title.trim().toLowerCase();
  const ownNames = /^[\p{L}-]{5,}$/u.test(title) ? [parsePhrase(`${title}*`)] : [];
  return {
    path: options.path,
    styrkCode: options.styrkCode,
    field: [...(known?.field ?? []), ...ownNames],
    certificates: known?.certificates ?? [],
    names: ownNames,
  };
}

function firstPhrase(phrases: Phrase[], text: string): Phrase | null {
  const words = wordsOf(text);
  return phrases.find((phrase) => findPhrase(phrase, words)) ?? null;
}

/** Why this offering fits the role as a whole, or null when it does not. */
export function routeFor(options: { context: RoleRouteContext; offering: CatalogueOffering }): RouteEvidence | null {
  const { context, offering } = options;
  if (neverLevels.has(offering.level)) return null;
  // A title that names its audience ("IKT for lærere", "… for ledere i skolen") must name the role's field there.
  const audience = /\sfor\s(.+)$/iu.exec(offering.title)?.[1];
  if (audience && !firstPhrase(context.field, audience)) return null;
  if (otherAudience({ offering, styrkCode: context.styrkCode, roleNames: context.names })) return null;
  const fieldPhrase = firstPhrase(context.field, offering.title);
  const coded = offering.occupations.includes(context.styrkCode);
  const field = fieldPhrase ? fieldPhrase.text.replace(/\*/g, '') : coded ? `STYRK ${context.styrkCode}` : null;
  const allowed = priorities[context.path];
  const handsOn = context.path === 'trade' || context.path === 'elementary';
  const inLocalLanguage =
    !offering.languages.length || offering.languages.some((language) => scandinavian.has(language));
  if (handsOn && !inLocalLanguage) return null;
  // A catalogue often leaves the level unknown while the description says it: master level is above a trade.
  if (handsOn && firstPhrase(masterLevelWords, offering.description)) return null;
  const fullDegree =
    (offering.level === 'bachelor' || offering.level === 'master') && offering.schedule !== 'part_time';

  if (allowed.includes('trade_route') && field) {
    const text = ` ${normaliseText(`${offering.title} ${offering.description}`)} `;
    const marker =
      offering.level === 'vocational'
        ? 'fagskole'
        : tradeRouteMarkers.find(
            (word) =>
              text.includes(` ${word} `) ||
              text.includes(`(${word})`) ||
              text.includes(` ${word},`) ||
              text.includes(` ${word})`),
          );
    if (marker) return { kind: 'trade_route', because: `${marker}: ${field}` };
  }
  // For people who do not lead, an offering about leading (HMS-ledelse, Salgsledelse) or for leaders is not theirs.
  const leads = context.path === 'supervisor' || context.path === 'manager';
  if (!leads && (firstPhrase(leadershipPhrases, offering.title) || firstPhrase(leaderNames, offering.title)))
    return null;
  if (allowed.includes('certificate') && certificateLevels.has(offering.level)) {
    const certificate = firstPhrase(context.certificates, offering.title);
    if (certificate) return { kind: 'certificate', because: certificate.text.replace(/\*/g, '') };
  }
  if (allowed.includes('leadership') && !fullDegree && offering.level !== 'bachelor') {
    const words = wordsOf(offering.title);
    for (const phrase of leadershipPhrases) {
      const positions = findPhrase(phrase, words);
      if (!positions) continue;
      if (field) return { kind: 'leadership', because: `${phrase.text.replace(/\*/g, '')}: ${field}` };
      if (leadershipAsSuch.includes(phrase) && titleShare({ words, positions }) >= leadershipTitleShare)
        return { kind: 'leadership', because: phrase.text.replace(/\*/g, '') };
    }
  }
  const holdsDegree = context.path === 'professional' || context.path === 'manager';
  if (allowed.includes('further_education') && field && !(holdsDegree && isIntroduction(offering))) {
    const levels = handsOn ? shortLevels : furtherLevels;
    if (levels.has(offering.level) || (context.path === 'professional' && offering.level === 'master' && !fullDegree))
      return { kind: 'further_education', because: field };
  }
  return null;
}

/**
 * The suggestions to show, from candidates already ranked for the organisation: the path's first kinds first,
 * at most `perKind` of each in the first pass, then the rest in the same order up to `limit`.
 */
export function chooseRoleSuggestions<T extends { offering: CatalogueOffering }>(options: {
  context: RoleRouteContext;
  candidates: T[];
  limit: number;
  perKind?: number;
}): (T & { route: RouteEvidence })[] {
  const perKind = options.perKind ?? 2;
  const routed = options.candidates.flatMap((candidate) => {
    const route = routeFor({ context: options.context, offering: candidate.offering });
    return route ? [{ ...candidate, route }] : [];
  });
  const order = priorities[options.context.path];
  const byKind = (kind: RouteKind) => routed.filter((candidate) => candidate.route.kind === kind);
  const chosen = order.flatMap((kind) => byKind(kind).slice(0, perKind));
  for (const kind of order)
    for (const candidate of byKind(kind)) if (!chosen.includes(candidate)) chosen.push(candidate);
  return chosen.slice(0, options.limit);
}

/** Plain search words for the candidates a role's suggestions are chosen from. */
export function routeQueries(options: { context: RoleRouteContext; names: string[] }): string[] {
  const plain = (phrases: Phrase[]) => [...new Set(phrases.map((phrase) => phrase.text.replace(/\*/g, '')))];
  const field = plain(options.context.field).slice(0, 8).join(' ');
  const allowed = priorities[options.context.path];
  const queries = [options.names.join(' ')];
  if (allowed.includes('trade_route')) queries.push(`${field} y-vei fagskole mesterbrev fagbrev`);
  if (allowed.includes('certificate') && options.context.certificates.length)
    queries.push(plain(options.context.certificates).join(' '));
  if (allowed.includes('leadership')) queries.push(`ledelse lederutdanning prosjektledelse ${field}`);
  if (allowed.includes('further_education')) queries.push(`videreutdanning kurs ${field}`);
  return queries;
}
