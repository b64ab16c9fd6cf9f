/**
 * One record as a feed reader yields it, before validation: its line number (or, in whole-document
 * JSON-LD, its position in the document), its raw text for the rejection log, and either the value read
 * or why it could not be read. `cutOff` marks a record the file ends inside of: the file was cut short (a
 * partial download, `head -c`), so it cannot be the whole feed and must not withdraw what it does not list.
 */
export type FeedItem = { line: number; raw: string; value: unknown } | FeedRejection;

export type FeedRejection = { line: number; raw: string; rejection: string; cutOff?: true };

/** Raw text kept with a rejection: enough to find and fix the record, never megabytes of it. */
const maximumRawCharacters = 10_000;

export function rawExcerpt(text: string, totalBytes?: number): string {
  if (text.length <= maximumRawCharacters && totalBytes === undefined) return text;
  const size = totalBytes ?? Buffer.byteLength(text);
  return `${text.slice(0, maximumRawCharacters)}… [cut: ${size.toLocaleString('en')} bytes in all]`;
}
