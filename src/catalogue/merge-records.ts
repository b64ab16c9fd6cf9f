import type { OfferingRecord } from './offering.js';

/**
 * One offering described by several feeds: the first record (sources in a fixed order — the provider's
 * own feed first, then by source name, then external id — so the result does not depend on which feed was
 * imported first) gives each field; fields it leaves empty are filled from the next; lists (places,
 * languages, skills, dates) are united.
 */

type Fields = Omit<OfferingRecord, 'source' | 'externalId'>;

const listFields = [
  'languages',
  'cities',
  'municipalities',
  'counties',
  'startDates',
  'subjects',
  'skills',
  'occupations',
  'industries',
] as const;

function orderSources<T extends { source: string; externalId: string }>(
  records: T[],
  ownFeeds: ReadonlySet<string> = new Set(),
): T[] {
  const rank = (record: T) => (ownFeeds.has(record.source) ? 0 : 1);
  return [...records].sort(
    (first, second) =>
      rank(first) - rank(second) ||
      first.source.localeCompare(second.source) ||
      first.externalId.localeCompare(second.externalId),
  );
}

/** `ownFeeds`: sources that are a provider's own feed (a record is only ever merged with its own provider's). */
export function mergeRecords(records: OfferingRecord[], options: { ownFeeds?: ReadonlySet<string> } = {}): Fields {
  const [base, ...others] = orderSources(records, options.ownFeeds);
  if (!base) throw new Error('mergeRecords needs at least one record');
  const { source: _source, externalId: _externalId, ...merged } = base;
  const result: Fields = { ...merged, certificatePriceNok: merged.certificatePriceNok ?? null };
  for (const other of others) {
    if (!result.description && other.description) result.description = other.description;
    result.url ??= other.url;
    if (result.mode === 'unknown') result.mode = other.mode;
    if (result.schedule === 'unknown') result.schedule = other.schedule;
    if (result.level === 'unknown') result.level = other.level;
    result.workloadHours ??= other.workloadHours;
    result.hoursPerWeek ??= other.hoursPerWeek;
    result.durationWeeks ??= other.durationWeeks;
    result.priceNok ??= other.priceNok;
    result.isFree ??= other.isFree;
    // Records stored before certificate fees were kept apart have no such field.
    result.certificatePriceNok ??= other.certificatePriceNok ?? null;
    result.credits ??= other.credits;
    result.eqfLevel ??= other.eqfLevel;
    for (const field of listFields) result[field] = [...new Set([...result[field], ...other[field]])];
  }
  result.startDates.sort();
  return result;
}
