import { z } from 'zod';
import { invalidFile } from '../errors.js';
import { conceptId, distinctLabels, type TaxonomyConcept } from './concept.js';

/**
 * SSB KLASS code lists (STYRK-08 occupations, SN2007 industries) as the KLASS API returns them:
 * `{ codes: [{ code, parentCode, level, name, shortName, notes }] }`. Norwegian names.
 */

const klassSchema = z.object({
  codes: z.array(
    z.object({
      code: z.string().min(1),
      parentCode: z.string().nullable(),
      level: z.coerce.number().int().min(1),
      name: z.string().min(1),
      shortName: z.string().optional().default(''),
      notes: z.string().optional().default(''),
    }),
  ),
});

export function parseKlassCodes(options: {
  text: string;
  scheme: 'styrk08' | 'sn2007';
  file: string;
}): TaxonomyConcept[] {
  let json: unknown;
  try {
    json = JSON.parse(options.text);
  } catch (error) {
    throw invalidFile({ file: options.file, problem: `not valid JSON (${(error as Error).message})`, cause: error });
  }
  const parsed = klassSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidFile({
      file: options.file,
      problem: `not a KLASS code list: ${issue?.path.join('.')} ${issue?.message}`,
    });
  }
  return parsed.data.codes.map((code) => ({
    id: conceptId(options.scheme, code.code),
    scheme: options.scheme,
    code: code.code,
    uri: null,
    label: code.name.trim(),
    altLabels: distinctLabels(code.name, [code.shortName]),
    description: code.notes.trim() || null,
    parentId: code.parentCode ? conceptId(options.scheme, code.parentCode) : null,
    level: code.level,
  }));
}
