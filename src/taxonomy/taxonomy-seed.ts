import { z } from 'zod';
import { invalidFile } from '../errors.js';
import { relationKinds, schemes, type ConceptRelation, type TaxonomyConcept, type TaxonomyDataset } from './concept.js';

/**
 * The taxonomy seed shipped with Veileder (prisma/seed/taxonomy.jsonl.gz), because the raw SSB/ESCO/NAV
 * files are not. JSON Lines: a header, then one line per concept, then relation lines that point at concepts
 * by their position among the concept lines — 120,000 occupation→skill pairs of two UUIDs each would
 * otherwise make up most of the file.
 */

const taxonomySeedFormat = 'veileder-taxonomy';
const taxonomySeedVersion = 1;

const headerLine = z.object({
  kind: z.literal('header'),
  format: z.literal(taxonomySeedFormat),
  version: z.literal(taxonomySeedVersion),
  concepts: z.number().int().nonnegative(),
  relations: z.number().int().nonnegative(),
  sources: z.array(z.string()),
});

const conceptLine = z.object({
  kind: z.literal('concept'),
  id: z.string().min(1),
  scheme: z.enum(schemes),
  code: z.string().min(1),
  uri: z.string().optional(),
  label: z.string().min(1),
  altLabels: z.array(z.string()).optional(),
  description: z.string().optional(),
  parentId: z.string().optional(),
  level: z.number().int().optional(),
});

const relationsLine = z.object({
  kind: z.literal('relations'),
  relation: z.enum(relationKinds),
  from: z.number().int().nonnegative(),
  to: z.array(z.number().int().nonnegative()).min(1),
});

const seedLine = z.discriminatedUnion('kind', [headerLine, conceptLine, relationsLine]);

export type TaxonomySeedHeader = z.infer<typeof headerLine>;

export function* serializeTaxonomySeed(options: { dataset: TaxonomyDataset; sources: string[] }): Generator<string> {
  const { concepts, relations } = options.dataset;
  yield JSON.stringify({
    kind: 'header',
    format: taxonomySeedFormat,
    version: taxonomySeedVersion,
    concepts: concepts.length,
    relations: relations.length,
    sources: options.sources,
  });
  const position = new Map<string, number>();
  for (const [index, concept] of concepts.entries()) {
    position.set(concept.id, index);
    yield JSON.stringify({
      kind: 'concept',
      id: concept.id,
      scheme: concept.scheme,
      code: concept.code,
      uri: concept.uri ?? undefined,
      label: concept.label,
      altLabels: concept.altLabels.length ? concept.altLabels : undefined,
      description: concept.description ?? undefined,
      parentId: concept.parentId ?? undefined,
      level: concept.level ?? undefined,
    });
  }
  const groups = new Map<string, { relation: string; from: number; to: number[] }>();
  for (const relation of relations) {
    const from = position.get(relation.fromId);
    const to = position.get(relation.toId);
    if (from === undefined || to === undefined)
      throw new Error(`Relation ${relation.fromId} → ${relation.toId} points outside the dataset`);
    const key = `${from}|${relation.kind}`;
    const group = groups.get(key) ?? { relation: relation.kind, from, to: [] };
    group.to.push(to);
    groups.set(key, group);
  }
  for (const group of groups.values()) yield JSON.stringify({ kind: 'relations', ...group });
}

export function parseTaxonomySeed(options: {
  lines: Iterable<string>;
  file: string;
}): TaxonomyDataset & { header: TaxonomySeedHeader } {
  let header: TaxonomySeedHeader | undefined;
  const concepts: TaxonomyConcept[] = [];
  const relations: ConceptRelation[] = [];
  let lineNumber = 0;
  for (const text of options.lines) {
    lineNumber += 1;
    if (!text.trim()) continue;
    const fail = (problem: string) => invalidFile({ file: options.file, problem, line: lineNumber });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail('not valid JSON');
    }
    const parsed = seedLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail(`${issue?.path.join('.') || 'line'}: ${issue?.message}`);
    }
    const line = parsed.data;
    if (line.kind === 'header') {
      header = line;
    } else if (!header) {
      throw fail(`the first line must be the ${taxonomySeedFormat} header`);
    } else if (line.kind === 'concept') {
      concepts.push({
        id: line.id,
        scheme: line.scheme,
        code: line.code,
        uri: line.uri ?? null,
        label: line.label,
        altLabels: line.altLabels ?? [],
        description: line.description ?? null,
        parentId: line.parentId ?? null,
        level: line.level ?? null,
      });
    } else {
      const from = concepts[line.from];
      if (!from) throw fail(`relation from concept #${line.from}, which comes later or not at all`);
      for (const index of line.to) {
        const to = concepts[index];
        if (!to) throw fail(`relation to concept #${index}, which comes later or not at all`);
        relations.push({ fromId: from.id, toId: to.id, kind: line.relation });
      }
    }
  }
  if (!header) throw invalidFile({ file: options.file, problem: 'empty: no header line' });
  if (header.concepts !== concepts.length || header.relations !== relations.length) {
    throw invalidFile({
      file: options.file,
      problem: `truncated or altered: the header promises ${header.concepts} concepts and ${header.relations} relations, the file holds ${concepts.length} and ${relations.length}`,
    });
  }
  return { header, concepts, relations };
}
