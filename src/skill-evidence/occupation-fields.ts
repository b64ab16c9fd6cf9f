import { z } from 'zod';
import fieldsFile from '../../data/skills/occupation-fields.json' with { type: 'json' };
import { parsePhrase, type Phrase } from './close-concepts.js';

/**
 * What a role's work is about (data/skills/occupation-fields.json), by STYRK-08 group: the words an
 * offering's title uses for the field, and the short certificates the trade asks for. The longest listed
 * prefix of the role's code wins (3123 → "312" supervisors in building and industry, before "31").
 */

const fileSchema = z.object({
  description: z.string(),
  groups: z.record(
    z.string().regex(/^\d{2,4}$/),
    z.object({ field: z.array(z.string().min(1)), certificates: z.array(z.string().min(1)) }),
  ),
});

export type OccupationField = { group: string; field: Phrase[]; certificates: Phrase[] };

const groups = fileSchema.parse(fieldsFile).groups;

export function occupationFieldOf(styrkCode: string): OccupationField | null {
  for (const length of [4, 3, 2]) {
    const group = styrkCode.slice(0, length);
    const entry = groups[group];
    if (entry) return { group, field: entry.field.map(parsePhrase), certificates: entry.certificates.map(parsePhrase) };
  }
  return null;
}
