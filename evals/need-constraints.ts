import { resolvePlace } from '../src/catalogue/places.js';

/**
 * Does a catalogue row meet a need's stated constraints? Checked on the collection's own fields the way
 * ../shared/eval/GUIDELINES.md says graders did — independently of Veileder's normalisation, so the
 * figure says whether the product's filters do what the learner asked.
 */
export type CatalogueRow = {
  id: string;
  title: string;
  provider: string;
  description: string;
  city: string | null;
  cities?: string[];
  type: string;
  source: string;
  language: string;
};
export type NeedConstraints = {
  city?: string;
  region?: string;
  online?: boolean;
  part_time?: boolean;
  free?: boolean;
  level?: string;
  type?: string;
};

const isMooc = (row: CatalogueRow) => row.source === 'edx' || row.source === 'coursera';
const text = (row: CatalogueRow) => `${row.title} ${row.description}`.toLowerCase();
const privateProviders =
  /kristiania|\bbi\b|handelshøyskolen bi|oslo nye|active education|\bigm\b|noroff|westerdals|bjørknes|fjellhaug|ansgar|\bnla\b|\bvid\b|høyskolen for|campus kristiania|norges kreative/i;

export function meetsNeedConstraints(options: { row: CatalogueRow; constraints: NeedConstraints }): boolean {
  const { row, constraints } = options;
  const cities = [row.city ?? '', ...(row.cities ?? [])].join(', ').toLowerCase();
  if (constraints.city && !cities.includes(constraints.city.toLowerCase())) return false;
  if (constraints.region) {
    const counties = resolvePlace(constraints.region)?.counties ?? [];
    const inRegion = cities
      .split(/,\s*/)
      .some((city) => city && resolvePlace(city)?.counties.some((county) => counties.includes(county)));
    if (!inRegion && !row.provider.toLowerCase().includes(constraints.region.toLowerCase())) return false;
  }
  if (
    constraints.online &&
    !(isMooc(row) || /\b(nett|nettbasert|nettstudi\w*|online|nettundervisning)\b/.test(text(row)))
  )
    return false;
  if (
    constraints.part_time &&
    !(isMooc(row) || /deltid|samlingsbasert|nettbasert|erfaringsbasert|videreutdanning/.test(text(row)))
  )
    return false;
  if (constraints.free) {
    const free =
      row.source === 'edx' ||
      (row.source === 'coursera' && row.type === 'course') ||
      (row.source === 'utdanning_no' && row.type !== 'folk_high_school' && !privateProviders.test(row.provider));
    if (!free) return false;
  }
  if (constraints.type === 'folk_high_school' && row.type !== 'folk_high_school') return false;
  if (constraints.level) {
    const title = row.title.toLowerCase();
    const oneYear = /årsstudi|årsenhet|årseining/.test(title);
    // utdanning.no titles seldom say "bachelor": a college programme that is not a one-year, a course or further education counts as a degree.
    const degree =
      row.type === 'university_college' &&
      !oneYear &&
      !/videreutdanning|vidareutdanning|emne|kurs|\d+\s*(stp|studiepoeng)|sertifikat|påbygg/.test(title);
    if (constraints.level === 'short' && (isMooc(row) ? false : degree || oneYear || row.type === 'folk_high_school'))
      return false;
    if (constraints.level === 'årsstudium' && !oneYear) return false;
    if (constraints.level === 'degree' && (isMooc(row) || !degree)) return false;
    if (constraints.level === 'master' && !/master/.test(title)) return false;
  }
  return true;
}
