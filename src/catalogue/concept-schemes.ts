import { z } from 'zod';
import eqfFile from '../../data/eu-vocabularies/eqf.json' with { type: 'json' };
import iscedFile from '../../data/eu-vocabularies/isced-f.json' with { type: 'json' };
import languageFile from '../../data/eu-vocabularies/language.json' with { type: 'json' };
import modeFile from '../../data/eu-vocabularies/learning-assessment.json' with { type: 'json' };
import scheduleFile from '../../data/eu-vocabularies/learning-schedule.json' with { type: 'json' };
import { text } from './json-ld-values.js';
import type { Mode, Schedule } from './offering.js';

/**
 * The EU controlled vocabularies ELM and Europass point into (EQF, ISCED-F, mode of learning, learning
 * schedule, the language authority table), shipped in data/eu-vocabularies as the SKOS concept schemes the
 * EU Publications Office publishes — the subsets Veileder reads. A value may come as a bare concept IRI
 * (".../snb/eqf/6"), a concept object ({ "id": ..., "prefLabel": ... }) or, in older feeds, a plain code.
 */

const conceptSchema = z.object({
  '@id': z.string(),
  '@type': z.string(),
  prefLabel: z.record(z.string(), z.string()),
  notation: z.string().optional(),
  broader: z.string().optional(),
  exactMatch: z.string().optional(),
});
const schemeFileSchema = z.object({
  '@graph': z.array(
    z.union([conceptSchema, z.object({ '@id': z.string(), '@type': z.literal('skos:ConceptScheme') }).passthrough()]),
  ),
});
type Concept = z.infer<typeof conceptSchema>;

function conceptsOf(file: unknown): Map<string, Concept> {
  const concepts = schemeFileSchema
    .parse(file)
    ['@graph'].filter((node): node is Concept => node['@type'] === 'skos:Concept');
  return new Map(concepts.map((concept) => [concept['@id'], concept]));
}

const eqf = conceptsOf(eqfFile);
const isced = conceptsOf(iscedFile);
const languages = conceptsOf(languageFile);
const modes = conceptsOf(modeFile);
const schedules = conceptsOf(scheduleFile);

export const eqfScheme = 'http://data.europa.eu/snb/eqf/25831c2';
export const eqfConcept = (level: number) => `http://data.europa.eu/snb/eqf/${level}`;

/** The IRI of a value that is an IRI, a concept object, or a schema.org DefinedTerm with an @id. */
function iriOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const id = record.id ?? record['@id'] ?? record.uri;
    if (typeof id === 'string') return id.trim();
  }
  return undefined;
}

/**
 * An EQF level (1–8) from a concept IRI (".../eqf/6"; the EU's older "…/eqf/level-6" too), a concept object,
 * a DefinedTerm in the EQF set (its termCode), or text such as "EQF 6" / "EQF level 6". Plain numbers are
 * not read: "6" alone could be any scale.
 */
export function eqfOf(value: unknown): number | undefined {
  const iri = iriOf(value);
  const fromIri = iri ? /snb\/eqf\/(?:level-)?([1-8])$/.exec(iri)?.[1] : undefined;
  if (fromIri) return Number(fromIri);
  if (iri && eqf.has(iri)) return Number(eqf.get(iri)?.notation);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const set = text(record.inDefinedTermSet) ?? text(record.inScheme);
    const code = text(record.termCode) ?? text(record.notation);
    if (set && /snb\/eqf/.test(set) && code && /^[1-8]$/.test(code)) return Number(code);
  }
  const words = typeof value === 'string' ? value : undefined;
  const fromText = words ? /\bEQF(?:\s*level)?\s*([1-8])\b/i.exec(words)?.[1] : undefined;
  return fromText ? Number(fromText) : undefined;
}

/** An ISCED-F field's English label (its own, else the shipped scheme's; a detailed four-digit field without one is read as its narrow field), or undefined. */
export function iscedOf(value: unknown): string | undefined {
  const iri = iriOf(value);
  const code = iri ? /snb\/isced-f\/(\d{2,4})$/.exec(iri)?.[1] : undefined;
  if (!code) return undefined;
  // A concept object that carries its own label (the EU's detailed fields do) is named by it.
  const ownLabel =
    typeof value === 'object' && value !== null ? text((value as Record<string, unknown>).prefLabel) : undefined;
  if (ownLabel) return ownLabel;
  const concept =
    isced.get(`http://data.europa.eu/snb/isced-f/${code}`) ??
    isced.get(`http://data.europa.eu/snb/isced-f/${code.slice(0, 3)}`) ??
    isced.get(`http://data.europa.eu/snb/isced-f/${code.slice(0, 2)}`);
  return concept?.prefLabel.en;
}

/** A mode of learning concept → Veileder's mode; undefined for concepts that say nothing of where (work-based). */
export function modeOfConcept(value: unknown): Mode | undefined {
  const iri = iriOf(value);
  return iri ? (modes.get(iri)?.exactMatch as Mode | undefined) : undefined;
}

/** A learning schedule concept → Veileder's schedule. */
export function scheduleOfConcept(value: unknown): Schedule | undefined {
  const iri = iriOf(value);
  return iri ? (schedules.get(iri)?.exactMatch as Schedule | undefined) : undefined;
}

/** A language concept IRI or code of the EU authority table (".../language/NOR", "NNO") → ISO 639-1; other codes pass through lower-cased. */
export function languageOfConcept(value: unknown): string | undefined {
  const iri = iriOf(value) ?? text(value);
  if (!iri) return undefined;
  const code = iri.replace(/^.*\//, '').toUpperCase();
  return (
    languages.get(`http://publications.europa.eu/resource/authority/language/${code}`)?.exactMatch ??
    (/^[a-z]{2}$/i.test(code) ? code.toLowerCase() : undefined)
  );
}

/**
 * A topic that is a STYRK-08 occupation or an SN2007 industry, as our own export writes them (a DefinedTerm
 * in SSB's classification), with its code.
 */
export function occupationSchemes(value: unknown): { kind: 'occupation' | 'industry'; code: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const set = text(record.inDefinedTermSet);
  const code = text(record.termCode);
  if (!set || !code) return undefined;
  if (set === ssbClassifications.occupation) return { kind: 'occupation', code };
  if (set === ssbClassifications.industry) return { kind: 'industry', code };
  return undefined;
}

/** SSB's classifications (KLASS) of municipalities and counties, as the `additionalType` of an AdministrativeArea. */
export const areaClassifications = { municipality: '131', county: '104' } as const;

/** SSB's KLASS classifications: STYRK-08 (occupations) and SN2007 (industries). */
export const ssbClassifications = {
  occupation: 'https://www.ssb.no/klass/klassifikasjoner/7',
  industry: 'https://www.ssb.no/klass/klassifikasjoner/6',
} as const;
