import type { CatalogueOffering } from './offering.js';

/**
 * Google's Course info guidance (developers.google.com/search/docs/appearance/structured-data/course-info),
 * its required properties, as a check over our own export: a Course needs a name, a description, a provider
 * with a name, offers each with a category, and course instances each with a courseMode (Online, Onsite or
 * Blended) and either a
 * courseWorkload or a courseSchedule with duration, repeatFrequency and repeatCount. Used by the export's
 * tests and by `npm run eval:course-export`, which prints the share of the catalogue that passes.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const present = (value: unknown) =>
  typeof value === 'string'
    ? value.trim().length > 0
    : value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** The required properties a Course JSON-LD node lacks, as paths ("offers.category", "hasCourseInstance.courseMode"); empty = passes. */
export function missingCourseInfoProperties(course: Json): string[] {
  const missing: string[] = [];
  if (!present(course.name)) missing.push('name');
  if (!present(course.description)) missing.push('description');
  const provider = list(course.provider)[0];
  if (!isObject(provider) || !present(provider.name)) missing.push('provider.name');
  const offers = list(course.offers).filter(isObject);
  if (offers.length === 0) missing.push('offers');
  else if (offers.some((offer) => !present(offer.category))) missing.push('offers.category');
  const instances = list(course.hasCourseInstance).filter(isObject);
  if (instances.length === 0) missing.push('hasCourseInstance');
  for (const instance of instances) {
    // Google reads the medium (Online, Onsite, Blended); a pace alone ("full-time") is not a course mode to it.
    if (!list(instance.courseMode).some((mode) => typeof mode === 'string' && /^(online|onsite|blended)$/i.test(mode)))
      missing.push('hasCourseInstance.courseMode');
    const schedule = list(instance.courseSchedule).filter(isObject)[0];
    const scheduleComplete =
      schedule !== undefined &&
      present(schedule.duration) &&
      present(schedule.repeatFrequency) &&
      present(schedule.repeatCount);
    if (schedule !== undefined && !scheduleComplete) missing.push('hasCourseInstance.courseSchedule.repeatCount');
    if (!present(instance.courseWorkload) && !scheduleComplete)
      missing.push('hasCourseInstance.courseWorkload|courseSchedule');
  }
  return [...new Set(missing)];
}

/**
 * Whether the offering holds every fact the guidance asks for — a description, what following costs (or
 * that it is free or paid), its mode, and its workload or weekly hours for a known number of weeks. An
 * offering without them cannot pass without inventing something, and the export never does.
 */
export function hasCourseInfoFacts(offering: CatalogueOffering): boolean {
  const price = offering.isFree !== null || offering.priceNok !== null;
  const time = offering.workloadHours !== null || (offering.hoursPerWeek !== null && offering.durationWeeks !== null);
  const schedulePartial = offering.hoursPerWeek !== null && offering.durationWeeks === null;
  return offering.description.trim().length > 0 && price && offering.mode !== 'unknown' && time && !schedulePartial;
}
