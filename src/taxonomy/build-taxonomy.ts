import {
  conceptId,
  distinctLabels,
  type ConceptRelation,
  type TaxonomyConcept,
  type TaxonomyDataset,
} from './concept.js';

/**
 * Joins the parsed code lists into one dataset and links the schemes:
 *  - STYRK-08 ⇄ ISCO-08 `same_as` where the code exists in both. STYRK-08 is ISCO-08 with Norwegian
 *    departures: on the data, 403 of STYRK's 407 4-digit groups exist in ISCO-08 with the same code;
 *    STYRK-only are 0000 (unknown), 2223 Sykepleiere and 2224 Vernepleiere (Norway splits ISCO's 2221
 *    Nursing professionals into 2221 Spesialsykepleiere and 2223 Sykepleiere) and 3439 (ISCO 3435);
 *    33 ISCO groups (e.g. 1113 traditional chiefs, 3221 nursing associate professionals) have no STYRK group.
 *  - `close_match` for the departures we can name with confidence (below), so nurses still reach ESCO.
 *  - ESCO occupation `broader` → its ISCO-08 group, and → the STYRK-08 group(s) standing for that group.
 * NAV's Norwegian job titles become alt labels of the 4-digit STYRK-08 groups.
 */

/** STYRK-08 group → ISCO-08 group it corresponds to although the codes differ. */
const styrkIscoDepartures: Record<string, string> = {
  '2223': '2221', // Sykepleiere: general nurses, in ISCO-08 part of 2221 Nursing professionals
  '3439': '3435', // Andre yrker innen estetiske fag ~ Other artistic and cultural associate professionals
};

export type TaxonomyParts = {
  styrk: TaxonomyConcept[];
  sn2007: TaxonomyConcept[];
  isco: TaxonomyConcept[];
  escoOccupations: TaxonomyConcept[];
  escoSkills: TaxonomyConcept[];
  occupationSkills: ConceptRelation[];
  /** STYRK-08 4-digit code → Norwegian job titles (NAV). */
  navJobTitles: Map<string, string[]>;
};

export type TaxonomyBuildReport = {
  styrkGroupsWithSameIscoCode: number;
  styrkGroupsWithoutIsco: string[];
  iscoGroupsWithoutStyrk: string[];
  navCodesWithoutStyrk: string[];
  navTitlesAdded: number;
  /** Relations whose ends are not in the dataset (left out, and counted so nothing vanishes unseen). */
  relationsWithUnknownEnds: number;
};

export function buildTaxonomy(parts: TaxonomyParts): { dataset: TaxonomyDataset; report: TaxonomyBuildReport } {
  let navTitlesAdded = 0;
  const styrk = parts.styrk.map((concept) => {
    const titles = concept.level === 4 ? parts.navJobTitles.get(concept.code) : undefined;
    if (!titles) return concept;
    const altLabels = distinctLabels(concept.label, [...concept.altLabels, ...titles]);
    navTitlesAdded += altLabels.length - concept.altLabels.length;
    return { ...concept, altLabels };
  });
  const styrkCodes = new Set(parts.styrk.map((concept) => concept.code));
  const iscoCodes = new Set(parts.isco.map((concept) => concept.code));

  const links: ConceptRelation[] = [];
  /** ISCO code → the STYRK codes that stand for it. */
  const styrkForIsco = new Map<string, string[]>();
  const addStyrkForIsco = (isco: string, styrkCode: string) =>
    styrkForIsco.set(isco, [...(styrkForIsco.get(isco) ?? []), styrkCode]);
  for (const code of styrkCodes) {
    if (iscoCodes.has(code)) {
      links.push({ fromId: conceptId('styrk08', code), toId: conceptId('isco08', code), kind: 'same_as' });
      addStyrkForIsco(code, code);
    }
  }
  for (const [styrkCode, iscoCode] of Object.entries(styrkIscoDepartures)) {
    if (!styrkCodes.has(styrkCode) || !iscoCodes.has(iscoCode)) continue;
    links.push({ fromId: conceptId('styrk08', styrkCode), toId: conceptId('isco08', iscoCode), kind: 'close_match' });
    addStyrkForIsco(iscoCode, styrkCode);
  }
  for (const occupation of parts.escoOccupations) {
    const iscoCode = occupation.parentId?.slice('isco08:'.length);
    if (!iscoCode) continue;
    links.push({ fromId: occupation.id, toId: conceptId('isco08', iscoCode), kind: 'broader' });
    for (const styrkCode of styrkForIsco.get(iscoCode) ?? []) {
      links.push({ fromId: occupation.id, toId: conceptId('styrk08', styrkCode), kind: 'broader' });
    }
  }

  const concepts = [...styrk, ...parts.sn2007, ...parts.isco, ...parts.escoOccupations, ...parts.escoSkills];
  const known = new Set(concepts.map((concept) => concept.id));
  const seen = new Set<string>();
  const relations: ConceptRelation[] = [];
  let relationsWithUnknownEnds = 0;
  for (const relation of [...links, ...parts.occupationSkills]) {
    if (!known.has(relation.fromId) || !known.has(relation.toId)) {
      relationsWithUnknownEnds += 1;
      continue;
    }
    const key = `${relation.fromId}|${relation.toId}|${relation.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    relations.push(relation);
  }

  const fourDigit = (codes: Set<string>) => [...codes].filter((code) => code.length === 4);
  return {
    dataset: { concepts, relations },
    report: {
      styrkGroupsWithSameIscoCode: fourDigit(styrkCodes).filter((code) => iscoCodes.has(code)).length,
      styrkGroupsWithoutIsco: fourDigit(styrkCodes)
        .filter((code) => !iscoCodes.has(code))
        .sort(),
      iscoGroupsWithoutStyrk: fourDigit(iscoCodes)
        .filter((code) => !styrkCodes.has(code))
        .sort(),
      navCodesWithoutStyrk: [...parts.navJobTitles.keys()].filter((code) => !styrkCodes.has(code)).sort(),
      navTitlesAdded,
      relationsWithUnknownEnds,
    },
  };
}
