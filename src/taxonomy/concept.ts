/**
 * Taxonomy concepts as Veileder holds them: STYRK-08 occupations and SN2007 industries (SSB, Norwegian),
 * ISCO-08 groups and ESCO occupations and skills (European Commission, English). One shape for every scheme,
 * so the store, the seed file and the lookups treat them alike.
 */

export const schemes = ['styrk08', 'sn2007', 'isco08', 'esco_occupation', 'esco_skill'] as const;
export type Scheme = (typeof schemes)[number];

export const relationKinds = [
  'essential_skill', // ESCO occupation → ESCO skill
  'optional_skill', // ESCO occupation → ESCO skill
  'same_as', // STYRK-08 group → the ISCO-08 group with the same code
  'close_match', // STYRK-08 group → the ISCO-08 group it was carved from where Norway departs from ISCO
  'broader', // ESCO occupation → its ISCO-08 group and the matching STYRK-08 group
] as const;
type RelationKind = (typeof relationKinds)[number];

export type TaxonomyConcept = {
  /** `${scheme}:${code}`, e.g. "styrk08:2223", "esco_skill:<uuid>". */
  id: string;
  scheme: Scheme;
  code: string;
  uri: string | null;
  /** Preferred label: Norwegian for STYRK-08 and SN2007, English for ISCO-08 and ESCO. */
  label: string;
  altLabels: string[];
  description: string | null;
  parentId: string | null;
  level: number | null;
};

export type ConceptRelation = { fromId: string; toId: string; kind: RelationKind };

export type TaxonomyDataset = { concepts: TaxonomyConcept[]; relations: ConceptRelation[] };

export function conceptId(scheme: Scheme, code: string): string {
  return `${scheme}:${code}`;
}

/** Labels deduplicated case-insensitively, the preferred label and empty strings left out, order kept. */
export function distinctLabels(label: string, candidates: Iterable<string>): string[] {
  const seen = new Set([label.trim().toLowerCase()]);
  const result: string[] = [];
  for (const candidate of candidates) {
    const text = candidate.replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    result.push(text);
  }
  return result;
}
