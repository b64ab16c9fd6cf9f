import type { Response } from 'express';

/**
 * CSV downloads for the workspace (RFC 4180: comma-separated, CRLF lines, quotes doubled), with a UTF-8 BOM
 * so Excel reads æøå right. A cell that a spreadsheet would run as a formula (= + - @ at the start) is
 * prefixed with an apostrophe: learners' words and feed text end up in these files.
 */

export type CsvColumn<Row> = { header: string; value(row: Row): string | number | null | undefined };

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [
    columns.map((column) => csvCell(column.header)),
    ...rows.map((row) => columns.map((column) => csvCell(column.value(row)))),
  ];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function sendCsv(response: Response, options: { filename: string; csv: string }): void {
  response.set({
    'Content-Disposition': `attachment; filename="${options.filename.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  });
  response.type('text/csv; charset=utf-8').send(options.csv);
}
