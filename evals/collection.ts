import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Qrels } from './eval-metrics.js';
import type { CatalogueRow, NeedConstraints } from './need-constraints.js';

/** The test collection's files (../shared/eval/README.md), parsed and checked. */

const language = z.enum(['nb', 'nn', 'en']);

export const needSchema = z.object({
  qid: z.string(),
  lang: language,
  text: z.string(),
  constraints: z
    .record(z.string(), z.unknown())
    .default({})
    .transform((constraints) => constraints as NeedConstraints),
});

export const conversationSchema = z.object({
  cid: z.string(),
  qid: z.string(),
  lang: language,
  turns: z.array(z.string().min(1)).min(1),
  rejected_topics: z.array(z.string()).default([]),
});

export const catalogueRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  description: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  city: z
    .string()
    .nullish()
    .transform((city) => city ?? null),
  cities: z
    .array(z.string())
    .nullish()
    .transform((cities) => cities ?? []),
  type: z.string(),
  source: z.string(),
  language: z.string(),
  skills: z
    .array(z.string())
    .nullish()
    .transform((skills) => skills ?? []),
}) satisfies z.ZodType<CatalogueRow & { skills: string[] }>;

export async function readJsonLines<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
): Promise<z.infer<Schema>[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => schema.parse(JSON.parse(line)));
}

/** `qid<TAB>docid<TAB>grade` lines. */
export async function readQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  for (const line of (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim())) {
    const [qid, docid, grade] = line.split('\t');
    if (!qrels.has(qid!)) qrels.set(qid!, new Map());
    qrels.get(qid!)!.set(docid!, Number(grade));
  }
  return qrels;
}
