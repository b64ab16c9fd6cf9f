import { createHash } from 'node:crypto';
import { combineModes, combineSchedules, modeOfWord, scheduleOfWord } from './course-mode-words.js';
import type { FeedOfferingInput } from './feed-offering.js';
import { asArray, durationParts, text, texts, typesOf } from './json-ld-values.js';
import { namesCertificate, priceFacts, type PublishedOffer } from './offer-prices.js';
import type { Mode, Schedule } from './offering.js';
import { areaClassifications, eqfOf, iscedOf, occupationSchemes } from './concept-schemes.js';

/**
 * schema.org `Course` (with its `hasCourseInstance`), a lone `CourseInstance` or `EducationEvent`, and a
 * `CreativeWork`/`LearningResource` whose `learningResourceType` is a course → Veileder's own offering shape,
 * read as providers really publish them (schema.org's own Course examples, Bioschemas): the id from an
 * absolute `@id`, else `identifier`, `courseCode` or `url`, else a stable hash of provider and name; the
 * provider from whichever property names it, else the import's own; every instance's start date, place,
 * mode, schedule, workload and offers, gathered into one offering.
 */

type Node = Record<string, unknown>;

const offeringTypes = new Set(['Course', 'CourseInstance', 'EducationalOccupationalProgram', 'EducationEvent']);
const courseResourceTypes = /course|kurs|training|mooc|e-?learning|lesson|workshop|tutorial/i;
const resourceTypes = new Set(['CreativeWork', 'LearningResource', 'TrainingMaterial']);

export function isSchemaOrgOffering(node: Node): boolean {
  const types = typesOf(node);
  if (types.some((type) => offeringTypes.has(type))) return true;
  return (
    types.some((type) => resourceTypes.has(type)) &&
    texts(node.learningResourceType).some((type) => courseResourceTypes.test(type))
  );
}

const objects = (value: unknown): Node[] =>
  asArray(value).filter((item): item is Node => typeof item === 'object' && item !== null && !Array.isArray(item));

/** The properties a provider is named under, in the order they are trusted. */
const providerProperties = ['provider', 'publisher', 'sourceOrganization', 'creator', 'author'] as const;

export type SchemaOrgOptions = {
  /** The provider of a feed whose courses name none (the import's --provider). */
  provider?: string | undefined;
};

export function schemaOrgToFeedOffering(node: Node, options: SchemaOrgOptions = {}): FeedOfferingInput {
  const types = typesOf(node);
  const isInstance = types.includes('CourseInstance') || types.includes('EducationEvent');
  const instances = [...objects(node.hasCourseInstance), ...(isInstance ? [node] : [])];
  const title = text(node.name) ?? text(node.headline) ?? '';
  const provider =
    providerProperties.map((property) => firstName(node[property])).find(Boolean) ??
    instances.map((instance) => firstName(instance.organizer) ?? firstName(instance.provider)).find(Boolean) ??
    options.provider ??
    '';
  const url = text(node.url);
  const modes: Mode[] = [];
  const paces: Schedule[] = [];
  for (const instance of instances) {
    const words = [...texts(instance.courseMode), ...texts(instance.eventAttendanceMode)];
    const named = words.map(modeOfWord).filter((mode): mode is Mode => mode !== undefined);
    if (named.length > 0) modes.push(combineModes(named) as Mode);
    else if (objects(instance.location).some((location) => typesOf(location).includes('VirtualLocation')))
      modes.push('online');
    const pace = words.map(scheduleOfWord).find(Boolean);
    if (pace) paces.push(pace);
  }
  const time = readTime(node, instances);
  const places = readPlaces(node, instances);
  const levels = asArray(node.educationalLevel);
  const eqf = levels.map(eqfOf).find((level) => level !== undefined);
  const levelWord = levels
    .filter((level) => eqfOf(level) === undefined)
    .map(text)
    .find(Boolean);
  const about = asArray(node.about);
  const prices = priceFacts([node, ...instances].flatMap((holder) => objects(holder.offers)).map(publishedOffer));
  const accessibleForFree = String(node.isAccessibleForFree ?? '').toLowerCase();
  if (prices.isFree === undefined && (accessibleForFree === 'true' || accessibleForFree === 'false'))
    prices.isFree = accessibleForFree === 'true';
  return {
    id: idOf(node, { provider, title }),
    title,
    provider,
    // As written: the round trip of our own export must give back the same text, whitespace and all.
    description: typeof node.description === 'string' ? node.description : (text(node.description) ?? ''),
    cities: places.cities,
    municipalities: places.municipalities,
    counties: places.counties,
    url: url && /^https?:\/\//i.test(url) ? url : undefined,
    languages: [...texts(node.inLanguage), ...texts(node.availableLanguage)].filter(
      (language, index, all) => all.indexOf(language) === index,
    ),
    level: levelWord,
    eqfLevel: eqf,
    type:
      text(node.learningResourceType)?.toLowerCase() ??
      (types.includes('EducationalOccupationalProgram') ? 'programme' : 'course'),
    mode: combineModes(modes),
    schedule: combineSchedules(paces),
    ...time,
    startDates: [
      ...new Set(
        instances
          .map((instance) => text(instance.startDate))
          .filter((date): date is string => Boolean(date && /^\d{4}-\d{2}-\d{2}/.test(date))),
      ),
    ],
    ...prices,
    credits: creditsOf(node.numberOfCredits),
    skills: texts(node.teaches),
    subjects: about
      .filter((item) => occupationSchemes(item) === undefined)
      .map((item) => iscedOf(item) ?? text(item))
      .filter((item): item is string => Boolean(item)),
    occupations: about
      .filter((item) => occupationSchemes(item)?.kind === 'occupation')
      .map((item) => occupationSchemes(item)?.code as string),
    industries: about
      .filter((item) => occupationSchemes(item)?.kind === 'industry')
      .map((item) => occupationSchemes(item)?.code as string),
  };
}

/** The first named thing of a value that may be a string, an organisation, a person or a list of them. */
function firstName(value: unknown): string | undefined {
  for (const item of asArray(value)) {
    const name =
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null
          ? (text((item as Node).name) ?? text((item as Node).legalName))
          : undefined;
    if (name && !/^(\.|#|_:)/.test(name)) return name.trim();
  }
  return undefined;
}

/**
 * A feed's id for the course: an absolute `@id` (schema.org's examples use "./", which names nothing), a
 * plain `identifier` or `courseCode`, the `url`, else a hash of provider and name — stable while the course
 * keeps its name, so importing the same page again finds the same offering.
 */
function idOf(node: Node, options: { provider: string; title: string }): string {
  const atId = text(node['@id']);
  if (atId && /^[a-z][a-z0-9+.-]*:/i.test(atId)) return atId;
  const identifier =
    typeof node.identifier === 'string' || typeof node.identifier === 'number' ? String(node.identifier) : undefined;
  const found = identifier ?? text(node.courseCode) ?? text(node.url);
  if (found) return found;
  // Without a name the record is rejected for that; an id from its whole text keeps the reason to the point.
  const basis = options.title
    ? `${options.provider.toLowerCase()}\n${options.title.toLowerCase()}`
    : JSON.stringify(node);
  return `sha256:${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

function publishedOffer(offer: Node): PublishedOffer {
  const amount = Number(text(offer.price) ?? text(objects(offer.priceSpecification)[0]?.price));
  const credentialItem = objects(offer.itemOffered).some((item) =>
    typesOf(item).some((type) => /Credential|Certificat/i.test(type)),
  );
  return {
    amount: Number.isFinite(amount) ? amount : undefined,
    currency: text(offer.priceCurrency) ?? text(objects(offer.priceSpecification)[0]?.priceCurrency),
    category: text(offer.category),
    forCertificate:
      credentialItem ||
      namesCertificate(
        [text(offer.name), text(offer.description), text(offer.category)].filter(
          (word) => !/^(partially\s*)?free$|^paid$/i.test(word ?? ''),
        ),
      ),
  };
}

function creditsOf(value: unknown): number | undefined {
  for (const item of asArray(value)) {
    const number = Number(typeof item === 'object' && item !== null ? text((item as Node).value) : text(item));
    if (Number.isFinite(number)) return number;
  }
  return undefined;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const weeksPer: Record<string, number> = {
  daily: 1 / 7,
  p1d: 1 / 7,
  weekly: 1,
  p1w: 1,
  monthly: 30.4 / 7,
  p1m: 30.4 / 7,
  yearly: 365 / 7,
  p1y: 365 / 7,
};

/**
 * Workload and schedule: `courseWorkload` or `timeRequired` (ISO 8601, or text the normaliser reads); a
 * weekly `courseSchedule` gives hours per week (its `duration`) and weeks (`repeatCount`); an instance's own
 * `duration` (it is an Event), else its start and end dates, gives the weeks.
 */
function readTime(
  node: Node,
  instances: Node[],
): { workloadHours?: number; workload?: string; hoursPerWeek?: number; durationWeeks?: number } {
  const result: { workloadHours?: number; workload?: string; hoursPerWeek?: number; durationWeeks?: number } = {};
  const workloadText = [node.courseWorkload, node.timeRequired, ...instances.map((instance) => instance.courseWorkload)]
    .map(text)
    .find(Boolean);
  const workload = durationParts(workloadText);
  if (workload) result.workloadHours = round(workload.hours + workload.days * 24);
  else if (workloadText) result.workload = workloadText;
  for (const instance of instances) {
    const schedule = objects(instance.courseSchedule)[0];
    const frequency = text(schedule?.repeatFrequency)?.toLowerCase();
    const perSession = durationParts(text(schedule?.duration));
    const count = Number(text(schedule?.repeatCount));
    if (perSession && (frequency === 'weekly' || frequency === 'p1w'))
      result.hoursPerWeek ??= round(perSession.hours + perSession.days * 24);
    const ownDuration = durationParts(text(instance.duration));
    if (ownDuration && ownDuration.days > 0) result.durationWeeks ??= round(ownDuration.days / 7);
    if (frequency && weeksPer[frequency] !== undefined && Number.isFinite(count) && count > 0)
      result.durationWeeks ??= round(count * (weeksPer[frequency] as number));
    const start = Date.parse(text(instance.startDate) ?? '');
    const end = Date.parse(text(instance.endDate) ?? '');
    if (Number.isFinite(start) && Number.isFinite(end) && end > start)
      result.durationWeeks ??= Math.round((end - start) / (7 * 86_400_000));
  }
  return result;
}

/**
 * Places: a Place's address locality (a street address is never a city), else its name, else a location given
 * as text. Municipalities and counties our own export states outright (`spatialCoverage` areas) are kept as
 * given; otherwise the normaliser works them out from the cities.
 */
function readPlaces(
  node: Node,
  instances: Node[],
): { cities: string[]; municipalities?: string[]; counties?: string[] } {
  const cities: string[] = [];
  for (const location of instances.flatMap((instance) => asArray(instance.location))) {
    if (typeof location === 'object' && location !== null && typesOf(location as Node).includes('VirtualLocation'))
      continue;
    const place = typeof location === 'object' && location !== null ? (location as Node) : undefined;
    const address = place ? objects(place.address)[0] : undefined;
    const city = address ? text(address.addressLocality) : place ? text(place.name) : text(location);
    if (city && !cities.includes(city)) cities.push(city);
  }
  const areas = objects(node.spatialCoverage).filter((area) => typesOf(area).includes('AdministrativeArea'));
  if (areas.length === 0) return { cities };
  const named = (kind: string) =>
    areas
      .filter((area) => text(area.additionalType)?.endsWith(kind))
      .map((area) => text(area.name))
      .filter((name): name is string => Boolean(name));
  return {
    cities,
    municipalities: named(`/${areaClassifications.municipality}`),
    counties: named(`/${areaClassifications.county}`),
  };
}
