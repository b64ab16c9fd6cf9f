/**
 * The offering as Veileder holds it: one learning opportunity, aligned with ELM's LearningOpportunity and
 * schema.org Course. `OfferingRecord` is what one feed says about it after normalisation; `CatalogueOffering`
 * is the stored offering (possibly merged from several feeds) as retrieval, the assistant and the API read it.
 */

export const modes = ['online', 'campus', 'blended', 'unknown'] as const;
export type Mode = (typeof modes)[number];

const schedules = ['full_time', 'part_time', 'self_paced', 'unknown'] as const;
export type Schedule = (typeof schedules)[number];

/** Kinds of learning, from a single course to a degree. NKR/EQF level goes in `eqfLevel` where known. */
export const levels = [
  'short_course', // a course, a MOOC, a single subject (emne), up to a few weeks or a few credits
  'further_education', // videreutdanning for people in work, typically 7.5–60 credits
  'one_year', // årsstudium / årsenhet, 60 credits
  'bachelor',
  'master', // including integrated and professional master programmes
  'phd',
  'folk_high_school', // a folkehøgskole year or course
  'vocational', // fagskole
  'upper_secondary',
  'unknown',
] as const;
export type Level = (typeof levels)[number];

export const providerKinds = [
  'university',
  'university_college',
  'vocational_college',
  'folk_high_school',
  'upper_secondary',
  'public_agency',
  'private_company',
  'online_platform',
  'unknown',
] as const;
export type ProviderKind = (typeof providerKinds)[number];

export type OfferingRecord = {
  source: string;
  externalId: string;
  title: string;
  description: string;
  providerName: string;
  url: string | null;
  /** ISO 639-1 codes: nb, nn, en, ... */
  languages: string[];
  mode: Mode;
  schedule: Schedule;
  cities: string[];
  municipalities: string[];
  /** Norwegian county names as of 2024 (e.g. "Vestland", "Troms"). */
  counties: string[];
  workloadHours: number | null;
  hoursPerWeek: number | null;
  durationWeeks: number | null;
  /** ISO dates. */
  startDates: string[];
  /** What following the offering costs in NOK (tuition, course fee); null when the data states no amount. */
  priceNok: number | null;
  /** true: free to follow (no tuition, or free to audit); false: following costs money; null: the data does not say. */
  isFree: boolean | null;
  /**
   * A fee for a certificate or an exam, apart from following (an edX verified certificate): "free to follow,
   * certificate 2 139 kr" is two facts, never one free offering with a price.
   */
  certificatePriceNok: number | null;
  credits: number | null;
  level: Level;
  eqfLevel: number | null;
  /** The feed's own kind of offering (e.g. mooc, course, specialization, university_college, folk_high_school). */
  type: string;
  subjects: string[];
  skills: string[];
  /** STYRK-08 codes. */
  occupations: string[];
  /** SN2007 codes. */
  industries: string[];
};

export type ProviderSummary = {
  id: string;
  name: string;
  kind: ProviderKind;
  /** Who accredited it (e.g. "NOKUT"), or null when no accreditation is recorded. */
  accreditedBy: string | null;
};

export type CatalogueOffering = Omit<OfferingRecord, 'source' | 'externalId' | 'providerName'> & {
  id: string;
  provider: ProviderSummary;
  status: 'active' | 'withdrawn';
  /** Every feed that describes this offering (more than one when duplicates were merged). */
  sources: { source: string; externalId: string }[];
  updatedAt: Date;
};
