import { z } from 'zod';

/**
 * A column mapping turns one CSV row into Veileder's own offering shape (src/catalogue/feed-offering.ts).
 * Targets are field names of that shape, dotted for nested ones ("price.raw", "extra.subject"). Each
 * target takes a column name, or a rule:
 *   { "column": "course_url", "pattern": "/course/([^/?#]+)", "prefix": "edx:" }  — the first group, prefixed
 *   { "columns": ["summary", "course_description"], "join": " " }                  — non-empty columns joined
 *   { "column": "entity_type_id", "values": { "dk_uh": "university_college" } }    — a value table
 *   { "column": "stedsnavn", "split": "," }                                        — a list
 *   { "constant": "nb" }                                                           — the same for every row
 * A row whose mapped value is empty simply lacks that field; validation decides whether that is allowed.
 */

const ruleSchema = z
  .object({
    column: z.string().optional(),
    columns: z.array(z.string()).min(1).optional(),
    join: z.string().default(' '),
    constant: z.union([z.string(), z.number(), z.boolean()]).optional(),
    pattern: z.string().optional(),
    prefix: z.string().optional(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    split: z.string().optional(),
    type: z.enum(['text', 'number', 'boolean']).default('text'),
  })
  .strict()
  .refine((rule) => [rule.column, rule.columns, rule.constant].filter((part) => part !== undefined).length === 1, {
    message: 'give exactly one of "column", "columns" or "constant"',
  });

export const csvMappingSchema = z
  .object({
    $comment: z.string().optional(),
    /** Stored as the source name unless the import names one. */
    source: z.string().min(1),
    delimiter: z.string().length(1).default(','),
    fields: z.record(z.string(), z.union([z.string(), ruleSchema])),
  })
  .strict();

export type CsvMapping = z.infer<typeof csvMappingSchema>;
type Rule = z.infer<typeof ruleSchema>;

/** Columns the mapping needs, to check a file's header before reading its rows. */
export function columnsUsed(mapping: CsvMapping): string[] {
  const columns = new Set<string>();
  for (const rule of Object.values(mapping.fields)) {
    if (typeof rule === 'string') columns.add(rule);
    else for (const column of [rule.column, ...(rule.columns ?? [])]) if (column) columns.add(column);
  }
  return [...columns];
}

export function applyCsvMapping(mapping: CsvMapping, row: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [target, rule] of Object.entries(mapping.fields)) {
    const value = typeof rule === 'string' ? emptyToUndefined(row[rule]) : applyRule(rule, row);
    if (value !== undefined) setPath(result, target, value);
  }
  return result;
}

function applyRule(rule: Rule, row: Record<string, string>): unknown {
  if (rule.constant !== undefined) return rule.constant;
  let text = rule.columns
    ? rule.columns
        .map((column) => row[column]?.trim() ?? '')
        .filter(Boolean)
        .join(rule.join)
    : (row[rule.column ?? ''] ?? '').trim();
  if (rule.pattern) text = new RegExp(rule.pattern, 'u').exec(text)?.[1] ?? '';
  if (text === '') return undefined;
  if (rule.values) return text in rule.values ? rule.values[text] : text;
  if (rule.prefix) text = `${rule.prefix}${text}`;
  if (rule.split)
    return text
      .split(rule.split)
      .map((part) => part.trim())
      .filter(Boolean);
  if (rule.type === 'number') {
    const number = Number(text.replace(',', '.'));
    return Number.isFinite(number) ? number : text; // a bad number stays text so validation reports it
  }
  if (rule.type === 'boolean')
    return /^(true|yes|ja|1)$/i.test(text) ? true : /^(false|no|nei|0)$/i.test(text) ? false : text;
  return text;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
}
