import type { CatalogueOffering, Level, Mode } from './offering.js';

/**
 * An offering as schema.org `Course` JSON-LD — the open-data view of the catalogue, readable by search
 * engines and other portals. Only facts the offering holds are stated: an unknown price or mode is left out,
 * never guessed.
 */

const courseModes: Partial<Record<Mode, string>> = { online: 'online', campus: 'onsite', blended: 'blended' };

/** Levels that end in a named credential; the others (a course, a MOOC) award credits at most. */
const credentials: Partial<Record<Level, string>> = {
  one_year: 'Årsstudium (60 studiepoeng)',
  bachelor: 'Bachelorgrad',
  master: 'Mastergrad',
  phd: 'Ph.d.-grad',
  vocational: 'Fagskolegrad',
  upper_secondary: 'Fag-/svennebrev eller studiekompetanse',
};

const organisationKinds = new Set(['university', 'university_college', 'vocational_college']);

export function toCourseJsonLd(options: { offering: CatalogueOffering; id: string }): Record<string, unknown> {
  const { offering } = options;
  const provider: Record<string, unknown> = {
    '@type': organisationKinds.has(offering.provider.kind) ? 'CollegeOrUniversity' : 'Organization',
    name: offering.provider.name,
  };
  if (offering.provider.accreditedBy) {
    provider.hasCredential = {
      '@type': 'EducationalOccupationalCredential',
      credentialCategory: 'accreditation',
      recognizedBy: { '@type': 'Organization', name: offering.provider.accreditedBy },
    };
  }
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': options.id,
    name: offering.title,
    description: offering.description || undefined,
    url: offering.url ?? undefined,
    inLanguage: offering.languages.length === 1 ? offering.languages[0] : offering.languages,
    provider,
    educationalLevel: offering.level === 'unknown' ? undefined : offering.level,
    educationalCredentialAwarded: credentials[offering.level],
    numberOfCredits: offering.credits === null ? undefined : { '@type': 'StructuredValue', value: offering.credits, unitText: 'ECTS' },
    teaches: offering.skills,
    about: offering.subjects,
    hasCourseInstance: courseInstances(offering),
    offers: offer(offering),
    identifier: offering.sources.map((source) => ({ '@type': 'PropertyValue', propertyID: source.source, value: source.externalId })),
    dateModified: offering.updatedAt.toISOString(),
  });
}

function courseInstances(offering: CatalogueOffering): Record<string, unknown>[] {
  const base = compact({
    '@type': 'CourseInstance',
    courseMode: [courseModes[offering.mode], offering.schedule === 'full_time' ? 'full-time' : offering.schedule === 'part_time' ? 'part-time' : undefined].filter(Boolean),
    courseWorkload: offering.workloadHours === null ? undefined : `PT${Math.round(offering.workloadHours)}H`,
    courseSchedule:
      offering.hoursPerWeek === null && offering.durationWeeks === null
        ? undefined
        : compact({ '@type': 'Schedule', duration: offering.durationWeeks === null ? undefined : `P${Math.round(offering.durationWeeks)}W`, description: offering.hoursPerWeek === null ? undefined : `${offering.hoursPerWeek} hours per week` }),
    location: offering.cities.map((city, index) => ({
      '@type': 'Place',
      name: city,
      address: compact({ '@type': 'PostalAddress', addressLocality: city, addressRegion: offering.counties[index] ?? offering.counties[0], addressCountry: 'NO' }),
    })),
  });
  if (offering.startDates.length === 0) return Object.keys(base).length > 1 ? [base] : [];
  return offering.startDates.map((startDate) => ({ ...base, startDate }));
}

function offer(offering: CatalogueOffering): Record<string, unknown> | undefined {
  if (offering.isFree === true) return { '@type': 'Offer', price: 0, priceCurrency: 'NOK', category: 'Free' };
  if (offering.priceNok !== null) return { '@type': 'Offer', price: offering.priceNok, priceCurrency: 'NOK', category: 'Paid' };
  if (offering.isFree === false) return { '@type': 'Offer', priceCurrency: 'NOK', category: 'Paid' };
  return undefined;
}

/** Drops undefined values and empty arrays, so absent facts are absent rather than null. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
}
