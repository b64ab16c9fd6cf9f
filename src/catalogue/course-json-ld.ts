import { areaClassifications, eqfConcept, eqfScheme, ssbClassifications } from './concept-schemes.js';
import type { CatalogueOffering, Level, Mode, Schedule } from './offering.js';
import { normalisePlaces } from './normalise-offering.js';
import { resolvePlace } from './places.js';

/**
 * An offering as schema.org `Course` JSON-LD — the open-data view of the catalogue, shaped to Google's Course
 * info guidance (name, description, provider, offers with a category, course instances with a mode and a
 * workload or a weekly schedule) and read back losslessly by our own schema.org import (schema-org.ts):
 * export → import gives the same offering, field for field. Only facts the offering holds are stated: an
 * unknown price, mode or country is left out, never guessed.
 */

/** Google's courseMode values; the pace follows as schema.org's own "full-time"/"part-time" words. */
const courseModes: Partial<Record<Mode, string>> = { online: 'Online', campus: 'Onsite', blended: 'Blended' };
const paces: Partial<Record<Schedule, string>> = {
  full_time: 'full-time',
  part_time: 'part-time',
  self_paced: 'self-paced',
};

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

export function toCourseJsonLd(options: {
  offering: CatalogueOffering;
  id: string;
  context?: boolean;
}): Record<string, unknown> {
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
    '@context': options.context === false ? undefined : 'https://schema.org',
    '@type': 'Course',
    '@id': options.id,
    name: offering.title,
    description: offering.description || undefined,
    url: offering.url ?? undefined,
    inLanguage: offering.languages.length === 1 ? offering.languages[0] : offering.languages,
    provider,
    learningResourceType: offering.type,
    educationalLevel: educationalLevels(offering),
    educationalCredentialAwarded: credentials[offering.level],
    numberOfCredits: credits(offering.credits),
    teaches: offering.skills,
    about: [
      ...offering.subjects,
      ...offering.occupations.map((code) => ({
        '@type': 'DefinedTerm',
        termCode: code,
        inDefinedTermSet: ssbClassifications.occupation,
      })),
      ...offering.industries.map((code) => ({
        '@type': 'DefinedTerm',
        termCode: code,
        inDefinedTermSet: ssbClassifications.industry,
      })),
    ],
    spatialCoverage: administrativeAreas(offering),
    hasCourseInstance: courseInstances(offering),
    offers: offers(offering),
    identifier: offering.sources.map((source) => ({
      '@type': 'PropertyValue',
      propertyID: source.source,
      value: source.externalId,
    })),
    dateModified: offering.updatedAt.toISOString(),
  });
}

/** The EQF level as a DefinedTerm of the EU's EQF scheme, then Veileder's own kind of level as text. */
function educationalLevels(offering: CatalogueOffering): unknown[] {
  const levels: unknown[] = [];
  if (offering.eqfLevel !== null) {
    levels.push({
      '@type': 'DefinedTerm',
      '@id': eqfConcept(offering.eqfLevel),
      name: `EQF level ${offering.eqfLevel}`,
      termCode: String(offering.eqfLevel),
      inDefinedTermSet: eqfScheme,
    });
  }
  if (offering.level !== 'unknown') levels.push(offering.level);
  return levels;
}

/** schema.org's range for numberOfCredits is Integer or StructuredValue: 7.5 ECTS is a QuantitativeValue. */
function credits(value: number | null): unknown {
  if (value === null) return undefined;
  if (Number.isInteger(value)) return value;
  return { '@type': 'QuantitativeValue', value, unitText: 'ECTS' };
}

/**
 * Municipalities and counties, stated only when they are not what the cities say by themselves (a county
 * named without a town, say), so the import reads back the same lists.
 */
function administrativeAreas(offering: CatalogueOffering): Record<string, unknown>[] {
  const implied = normalisePlaces(offering.cities);
  const same = (left: string[], right: string[]) =>
    left.length === right.length && left.every((item, index) => item === right[index]);
  if (same(implied.municipalities, offering.municipalities) && same(implied.counties, offering.counties)) return [];
  const area = (name: string, classification: string) => ({
    '@type': 'AdministrativeArea',
    name,
    additionalType: `https://www.ssb.no/klass/klassifikasjoner/${classification}`,
  });
  return [
    ...offering.municipalities.map((name) => area(name, areaClassifications.municipality)),
    ...offering.counties.map((name) => area(name, areaClassifications.county)),
  ];
}

function courseInstances(offering: CatalogueOffering): Record<string, unknown>[] {
  const base = compact({
    '@type': 'CourseInstance',
    courseMode: [courseModes[offering.mode], paces[offering.schedule]].filter(Boolean),
    courseWorkload: offering.workloadHours === null ? undefined : `PT${offering.workloadHours}H`,
    // Google's schedule is sessions of `duration` repeated `repeatCount` times; ours is hours a week for weeks.
    courseSchedule:
      offering.hoursPerWeek === null
        ? undefined
        : compact({
            '@type': 'Schedule',
            duration: `PT${offering.hoursPerWeek}H`,
            repeatFrequency: 'Weekly',
            repeatCount: offering.durationWeeks === null ? undefined : Math.max(1, Math.round(offering.durationWeeks)),
          }),
    // The instance is an Event: its duration is the whole length, exact where repeatCount must be whole.
    duration: offering.durationWeeks === null ? undefined : `P${offering.durationWeeks}W`,
    location: offering.cities.map(place),
  });
  if (offering.startDates.length === 0) return Object.keys(base).length > 1 ? [base] : [];
  return offering.startDates.map((startDate) => ({ ...base, startDate }));
}

/** A town as a Place; the country and county only when the town is one Norway's place register knows. */
function place(city: string): Record<string, unknown> {
  const resolved = resolvePlace(city);
  const county = resolved?.counties.length === 1 ? resolved.counties[0] : undefined;
  return {
    '@type': 'Place',
    name: city,
    address: compact({
      '@type': 'PostalAddress',
      addressLocality: city,
      addressRegion: county,
      addressCountry: resolved ? resolved.country : undefined,
    }),
  };
}

/**
 * What following costs (category Free, Partially Free — free to follow with a paid certificate — or Paid),
 * then the certificate or exam as an offer of its own whose item is the credential.
 */
function offers(offering: CatalogueOffering): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  const certificate = offering.certificatePriceNok;
  if (offering.isFree === true) {
    list.push(
      compact({
        '@type': 'Offer',
        category: certificate !== null ? 'Partially Free' : 'Free',
        price: offering.priceNok ?? undefined,
        priceCurrency: 'NOK',
      }),
    );
  } else if (offering.priceNok !== null || offering.isFree === false) {
    list.push(
      compact({
        '@type': 'Offer',
        category: offering.priceNok === 0 ? 'Free' : 'Paid',
        price: offering.priceNok ?? undefined,
        priceCurrency: 'NOK',
      }),
    );
  }
  if (certificate !== null) {
    list.push({
      '@type': 'Offer',
      name: 'Certificate or exam',
      category: 'Paid',
      price: certificate,
      priceCurrency: 'NOK',
      itemOffered: { '@type': 'EducationalOccupationalCredential', credentialCategory: 'certificate' },
    });
  }
  return list;
}

/** Drops undefined values and empty arrays, so absent facts are absent rather than null. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}
