import { describe, expect, it } from 'vitest';
import { isExportRequest } from '../../src/privacy/export-request.js';
import { csvCell, toCsv } from '../../adapters/web/advisers/csv.js';

describe('a learner asking for their data', () => {
  it.each([
    'eksporter dataene mine',
    'Last ned dataene mine',
    'kan jeg få en kopi av dataene mine?',
    'jeg vil ha innsyn',
    'hent ut opplysningene mine',
    'eksporter dataa mine',
    'last ned dataa mine',
    'eg vil laste ned personopplysningane mine',
    'export my data',
    'Can I download my personal data?',
    'send me the data you have about me',
    'give me a copy of my data',
  ])('recognises "%s"', (text) => expect(isExportRequest(text)).toBe(true));

  it.each([
    'Jeg vil ta et kurs i dataeksport',
    'I want a course in data export',
    'jeg vil lære dataanalyse',
    'last ned kurskatalogen',
    'glem meg',
    '',
  ])('leaves "%s" to the assistant', (text) => expect(isExportRequest(text)).toBe(false));
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvCell('Oslo, Viken')).toBe('"Oslo, Viken"');
    expect(csvCell('si "hei"')).toBe('"si ""hei"""');
    expect(csvCell('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv([{ header: 'a', value: (row: { a: number }) => row.a }], [{ a: 1 }])).toBe('\uFEFFa\r\n1\r\n');
  });
});
