import type { CatalogueOffering } from './offering.js';

/**
 * The fields that make an offering what it is (not its id, sources or time of change), for checking that
 * a round trip through an export gives back the same offering.
 */
const offeringFactFields = [
  'title',
  'description',
  'url',
  'languages',
  'mode',
  'schedule',
  'cities',
  'municipalities',
  'counties',
  'workloadHours',
  'hoursPerWeek',
  'durationWeeks',
  'startDates',
  'priceNok',
  'isFree',
  'certificatePriceNok',
  'credits',
  'level',
  'eqfLevel',
  'type',
  'subjects',
  'skills',
  'occupations',
  'industries',
] as const satisfies readonly (keyof CatalogueOffering)[];

/** The fields whose values differ, with both values ("priceNok: 1064 → 0"); the provider is compared by name. */
export function differingFields(before: CatalogueOffering, after: CatalogueOffering): string[] {
  const differences: string[] = [];
  if (before.provider.name !== after.provider.name)
    differences.push(`provider: ${before.provider.name} → ${after.provider.name}`);
  for (const field of offeringFactFields) {
    const left = JSON.stringify(before[field]);
    const right = JSON.stringify(after[field]);
    if (left !== right) differences.push(`${field}: ${left?.slice(0, 80)} → ${right?.slice(0, 80)}`);
  }
  return differences;
}
