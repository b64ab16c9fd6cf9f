import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { invalidFile } from '../errors.js';
import { conceptId, distinctLabels, type ConceptRelation, type TaxonomyConcept } from './concept.js';

/**
 * ESCO v1.1.1 CSV files (English): ISCO-08 groups, occupations, skills and occupation→skill relations.
 * Only the columns Veileder uses are parsed; each row is validated and a bad row stops the import with its
 * line number, because a half-imported taxonomy silently weakens every lookup built on it.
 */

const escoUri = z.string().regex(/^http:\/\/data\.europa\.eu\/esco\/[a-z-]+\/[\w-]+$/, 'must be an ESCO concept URI');

const iscoGroupRow = z.object({
  conceptUri: escoUri,
  code: z.string().regex(/^\d{1,4}$/, 'must be an ISCO-08 code of 1–4 digits'),
  preferredLabel: z.string().min(1),
  altLabels: z.string().default(''),
  description: z.string().default(''),
});

const occupationRow = z.object({
  conceptUri: escoUri,
  iscoGroup: z.string().regex(/^\d{4}$/, 'must be a 4-digit ISCO-08 group'),
  preferredLabel: z.string().min(1),
  altLabels: z.string().default(''),
  description: z.string().default(''),
});

const skillRow = z.object({
  conceptUri: escoUri,
  preferredLabel: z.string().min(1),
  altLabels: z.string().default(''),
  description: z.string().default(''),
});

const relationRow = z.object({
  occupationUri: escoUri,
  relationType: z.enum(['essential', 'optional']),
  skillUri: escoUri,
});

export function parseIscoGroups(options: { text: string; file: string }): TaxonomyConcept[] {
  return parseRows(options, iscoGroupRow).map((row) => ({
    id: conceptId('isco08', row.code),
    scheme: 'isco08',
    code: row.code,
    uri: row.conceptUri,
    label: row.preferredLabel.trim(),
    altLabels: distinctLabels(row.preferredLabel, splitLines(row.altLabels)),
    description: row.description.trim() || null,
    parentId: row.code.length > 1 ? conceptId('isco08', row.code.slice(0, -1)) : null,
    level: row.code.length,
  }));
}

export function parseEscoOccupations(options: { text: string; file: string }): TaxonomyConcept[] {
  return parseRows(options, occupationRow).map((row) => ({
    id: conceptId('esco_occupation', lastSegment(row.conceptUri)),
    scheme: 'esco_occupation',
    code: lastSegment(row.conceptUri),
    uri: row.conceptUri,
    label: row.preferredLabel.trim(),
    altLabels: distinctLabels(row.preferredLabel, splitLines(row.altLabels)),
    description: row.description.trim() || null,
    parentId: conceptId('isco08', row.iscoGroup),
    level: null,
  }));
}

export function parseEscoSkills(options: { text: string; file: string }): TaxonomyConcept[] {
  return parseRows(options, skillRow).map((row) => ({
    id: conceptId('esco_skill', lastSegment(row.conceptUri)),
    scheme: 'esco_skill',
    code: lastSegment(row.conceptUri),
    uri: row.conceptUri,
    label: row.preferredLabel.trim(),
    altLabels: distinctLabels(row.preferredLabel, splitLines(row.altLabels)),
    description: row.description.trim() || null,
    parentId: null,
    level: null,
  }));
}

export function parseOccupationSkillRelations(options: { text: string; file: string }): ConceptRelation[] {
  return parseRows(options, relationRow).map((row) => ({
    fromId: conceptId('esco_occupation', lastSegment(row.occupationUri)),
    toId: conceptId('esco_skill', lastSegment(row.skillUri)),
    kind: row.relationType === 'essential' ? 'essential_skill' : 'optional_skill',
  }));
}

function parseRows<Row>(options: { text: string; file: string }, schema: z.ZodType<Row>): Row[] {
  let records: Record<string, string>[];
  try {
    records = parse(options.text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw invalidFile({ file: options.file, problem: `not valid CSV (${(error as Error).message})`, cause: error });
  }
  return records.map((record, index) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The data row number, not the line: quoted ESCO fields span several lines.
      throw invalidFile({
        file: options.file,
        problem: `data row ${index + 1}: ${issue?.path.join('.')} ${issue?.message}`,
      });
    }
    return parsed.data;
  });
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

function lastSegment(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
