/**
 * Splits CSV text into records, each with the line it starts on, by the quoting rules csv-parse follows: a
 * quote opens a quoted field only at a field's start, `""` inside one is a quote, and a line end ends the
 * record only outside quotes. Splitting first lets each record be parsed on its own, so a bad quote costs
 * one record and one rejection and every later record keeps its own line: csv-parse's skip events repeated
 * a record's error once per bad field and numbered the next record from the skipped one's line, and its
 * line count drifts on CRLF line ends inside quotes.
 */

export type CsvRecordText = {
  line: number;
  /** The record without its line end; at most `maximumCharacters` of it. */
  text: string;
  /** All of it, kept or not. */
  characters: number;
  /** No line end after it: the file's last record. */
  endsFile: boolean;
  /** The file ended inside a quoted field of this record. */
  unclosedQuote: boolean;
};

export async function* splitCsvRecords(
  chunks: AsyncIterable<string>,
  options: { delimiter: string; maximumCharacters: number },
): AsyncGenerator<CsvRecordText> {
  const { delimiter } = options;
  let parts: string[] = [];
  let kept = 0;
  let characters = 0;
  let line = 1;
  let startLine = 1;
  let inQuotes = false;
  let quoteInQuotes = false; // a quote seen inside a quoted field: closing, or the first half of `""`
  let fieldStart = true;

  const take = (text: string) => {
    characters += text.length;
    const room = options.maximumCharacters - kept;
    if (room <= 0) return;
    const piece = text.length > room ? text.slice(0, room) : text;
    parts.push(piece);
    kept += piece.length;
  };
  const finish = (endsFile: boolean): CsvRecordText => {
    const text = parts.join('').replace(/\r$/, '');
    const record = { line: startLine, text, characters, endsFile, unclosedQuote: inQuotes };
    parts = [];
    kept = 0;
    characters = 0;
    inQuotes = false;
    quoteInQuotes = false;
    fieldStart = true;
    startLine = line;
    return record;
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const character = chunk[index];
      if (quoteInQuotes) {
        quoteInQuotes = false;
        if (character === '"') continue; // `""`: a quote inside the field
        inQuotes = false;
      }
      if (inQuotes) {
        if (character === '"') quoteInQuotes = true;
        else if (character === '\n') line += 1;
        continue;
      }
      if (character === '"' && fieldStart) {
        inQuotes = true;
      } else if (character === '\n') {
        line += 1;
        take(chunk.slice(start, index));
        start = index + 1;
        yield finish(false);
        continue;
      }
      fieldStart = character === delimiter;
    }
    if (start < chunk.length) take(chunk.slice(start));
  }
  if (quoteInQuotes) inQuotes = false; // the file's last character closed the field
  if (characters > 0) yield finish(true);
}
