import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { invalidFile } from '../errors.js';

/**
 * NAV's job seekers per occupation (datahotell `arbeidssokere_yrke.csv`): each row names a STYRK code, the
 * occupation's plural name (`yrke`) and the Norwegian job titles (yrkesbetegnelser) NAV files under it.
 * Only ISCO-08 rows are used: from 2012 NAV codes with STYRK-08, whose 4-digit groups these rows carry;
 * the older ISCO-88 rows use another code list. Semicolon-separated, UTF-8 with a byte-order mark.
 */

const row = z.object({
  yrkeskode: z.string(),
  yrke: z.string(),
  yrkesbetegnelse: z.string(),
  isco_versjon: z.string(),
});

/** STYRK-08 4-digit code → Norwegian job titles, in first-seen order. */
export function parseNavJobTitles(options: { text: string; file: string }): Map<string, string[]> {
  let records: Record<string, string>[];
  try {
    records = parse(options.text, {
      columns: true,
      bom: true,
      delimiter: ';',
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw invalidFile({ file: options.file, problem: `not valid CSV (${(error as Error).message})`, cause: error });
  }
  const titles = new Map<string, Set<string>>();
  records.forEach((record, index) => {
    const parsed = row.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidFile({ file: options.file, problem: `${issue?.path.join('.')} ${issue?.message}`, line: index + 2 });
    }
    const { yrkeskode, yrke, yrkesbetegnelse, isco_versjon } = parsed.data;
    if (isco_versjon !== 'ISCO-08' || !/^\d{4}$/.test(yrkeskode)) return;
    const forCode = titles.get(yrkeskode) ?? new Set<string>();
    for (const title of [yrke, ...splitTitles(yrkesbetegnelse)]) {
      const text = title.replace(/\s+/g, ' ').trim();
      if (text) forCode.add(text);
    }
    titles.set(yrkeskode, forCode);
  });
  return new Map([...titles].map(([code, set]) => [code, [...set]]));
}

/** "Bedriftssykepleier, Sykepleier (psykisk helsearbeid), Sykepleier" — commas inside brackets stay. */
export function splitTitles(text: string): string[] {
  const titles: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(') depth += 1;
    if (character === ')') depth = Math.max(0, depth - 1);
    if (character === ',' && depth === 0) {
      titles.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  titles.push(current);
  return titles.map((title) => title.trim()).filter(Boolean);
}
