import type { FeedOfferingInput } from './feed-offering.js';
import { asArray, durationParts, text, texts, typesOf } from './json-ld-values.js';

/**
 * schema.org `Course` (with its `hasCourseInstance`) or a lone `CourseInstance` → Veileder's own offering
 * shape. Only the properties Veileder uses are read; the rest stays in the raw text of the source.
 */

type Node = Record<string, unknown>;

export function isSchemaOrgOffering(node: Node): boolean {
  return typesOf(node).some((type) => type === 'Course' || type === 'CourseInstance' || type === 'EducationalOccupationalProgram');
}

const courseModes: Record<string, string> = { online: 'online', onsite: 'campus', 'on-site': 'campus', inperson: 'campus', 'in-person': 'campus', blended: 'blended', hybrid: 'blended', mixed: 'blended', campus: 'campus' };

export function schemaOrgToFeedOffering(node: Node): FeedOfferingInput {
  const instances = [...asArray(node.hasCourseInstance), ...(typesOf(node).includes('CourseInstance') ? [node] : [])].filter(
    (item): item is Node => typeof item === 'object' && item !== null,
  );
  const offers = asArray(node.offers).filter((item): item is Node => typeof item === 'object' && item !== null);
  const price = offers.map((offer) => Number(text(offer.price))).find((value) => Number.isFinite(value));
  const currency = offers.map((offer) => text(offer.priceCurrency)).find(Boolean)?.toUpperCase();
  const modes = instances.flatMap((instance) => texts(instance.courseMode)).map((mode) => courseModes[mode.toLowerCase().replace(/^.*\//, '')] ?? mode);
  const places = instances.flatMap((instance) => asArray(instance.location)).map((location) => {
    if (typeof location === 'object' && location !== null) {
      const address = (location as Node).address;
      return text(typeof address === 'object' && address !== null ? (address as Node).addressLocality : address) ?? text(location);
    }
    return text(location);
  });
  const workloads = instances.map((instance) => text(instance.courseWorkload)).filter(Boolean);
  const hours = durationParts(text(node.timeRequired) ?? workloads[0]);
  const free = text(node.isAccessibleForFree);
  const credits = asArray(node.numberOfCredits ?? node.educationalCredentialAwarded).map((value) => Number(typeof value === 'object' && value !== null ? text((value as Node).value) : text(value))).find((value) => Number.isFinite(value));
  return {
    id: text(node['@id']) ?? text(node.identifier) ?? text(node.courseCode) ?? text(node.url) ?? '',
    title: text(node.name) ?? '',
    provider: text(node.provider) ?? text(instances[0]?.organizer) ?? text(node.sourceOrganization) ?? '',
    description: text(node.description) ?? '',
    cities: places.filter((place): place is string => Boolean(place)),
    url: text(node.url),
    languages: texts(node.inLanguage),
    level: text(node.educationalLevel),
    type: typesOf(node).includes('EducationalOccupationalProgram') ? 'programme' : 'course',
    mode: modes.length === 0 ? undefined : new Set(modes).size > 1 ? 'blended' : modes[0],
    workloadHours: hours && hours.hours > 0 ? hours.hours : undefined,
    startDates: instances.map((instance) => text(instance.startDate)).filter((date): date is string => Boolean(date)),
    priceNok: price !== undefined && (currency === 'NOK' || currency === undefined) ? price : undefined,
    price: price !== undefined && currency === 'USD' ? { certificate_usd: price, raw: `${price} USD` } : undefined,
    isFree: free === 'true' ? true : free === 'false' ? false : price === 0 ? true : undefined,
    credits,
    skills: texts(node.teaches),
    subjects: texts(node.about),
  };
}
