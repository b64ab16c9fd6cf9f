import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * Offerings an attacker could publish in a feed the catalogue imports: markup for every channel in their
 * titles and providers, URLs that try to break out of Slack's `<url|label>`, and the longest title (1,000
 * characters) and URL (2,000) the import accepts. All of them are valid http(s) records, so they import;
 * `storeOldJavascriptUrl` then plants the `javascript:` link a row imported before URLs were checked can hold.
 * They are about "ledelse for sykepleiere, på nett, gratis, fem timer i uka", so `hostileQuestion` finds them.
 */
export const hostileQuestion =
  'Jeg er sykepleier og vil lære ledelse. Jeg har fem timer i uka, helst på nett og gratis.';

const pad = (text: string, length: number, filler: string) =>
  (text + filler.repeat(Math.ceil(length / filler.length))).slice(0, length);

export const hostile = {
  /** Markdown, Slack control sequences and mentions in a 1,000-character title. */
  markupTitle: pad(
    'Ledelse for sykepleiere [Logg inn her](https://evil.example/phish) <!channel> <@U0BOSS> *fet* _skrå_ ~',
    1000,
    ' ledelse sykepleier',
  ),
  /** Breaks out of `<url|label>` with a raw `|` and `<!here>`; 2,000 characters long. */
  breakoutUrl: pad('https://kurs.example.no/a?x=1|<!here>&y=', 2000, 'z'),
  /** A whole fake label inside the URL. */
  labelUrl: 'https://evil.example/x|Offisiell NOKUT-side>',
  /** 1,000 characters that Slack escaping grows fivefold (`&` → `&amp;`): one section cannot hold it. */
  ampersandTitle: pad('Ledelse & sykepleie ', 1000, '&<>'),
  javascriptUrl: 'javascript:alert(document.domain)',
  providerName: 'Ledelsesakademiet <!here> [Offisiell](https://evil.example/)',
};

const record = (id: string, title: string, url: string) => ({
  id,
  title,
  provider: hostile.providerName,
  description:
    'Ledelse for sykepleiere på nett. Gratis kurs i ledelse, fem timer i uka, for sykepleier og helsepersonell som vil lede.',
  language: 'nb',
  level: 'course',
  type: 'course',
  mode: 'online',
  isFree: true,
  hoursPerWeek: 5,
  durationWeeks: 8,
  subjects: ['ledelse'],
  occupations: ['sykepleier'],
  url,
  source: 'hostile_feed',
});

export const hostileIds = {
  markup: 'hostile:markup',
  labelUrl: 'hostile:label-url',
  ampersands: 'hostile:ampersands',
  javascript: 'hostile:javascript',
};

/** The hostile feed as the channel server's `catalogue` option: imported, then one row given a `javascript:` link. */
export async function hostileCatalogue(
  directory: string,
): Promise<{ extraFeeds: string[]; prepareCatalogue: (database: { pool: pg.Pool }) => Promise<void> }> {
  return {
    extraFeeds: [await writeHostileFeed(directory)],
    prepareCatalogue: (database) => storeOldJavascriptUrl(database.pool),
  };
}

/** Writes the feed as JSON Lines into `directory` and returns its path. */
export async function writeHostileFeed(directory: string): Promise<string> {
  const file = path.join(directory, 'hostile-offerings.jsonl');
  const records = [
    record(hostileIds.markup, hostile.markupTitle, hostile.breakoutUrl),
    record(hostileIds.labelUrl, 'Ledelse i sykepleie: Offisiell NOKUT-side', hostile.labelUrl),
    record(hostileIds.ampersands, hostile.ampersandTitle, 'https://kurs.example.no/ampersand'),
    record(hostileIds.javascript, 'Ledelse for sykepleiere – praktisk kurs', 'https://kurs.example.no/js'),
  ];
  await writeFile(file, records.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return file;
}

/** What a row imported before the import checked URLs can hold: a `javascript:` link. */
async function storeOldJavascriptUrl(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE offering SET url = $1 WHERE id = (SELECT offering_id FROM offering_source WHERE source = 'hostile_feed' AND external_id = $2)`,
    [hostile.javascriptUrl, hostileIds.javascript],
  );
}
