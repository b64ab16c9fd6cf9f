import { isWebUrl } from '../../src/web-url.js';

/**
 * Writing data into Slack's mrkdwn. Slack gives `&`, `<` and `>` meaning (`<!channel>`, `<@U…>`, `<url|label>`),
 * so every text from feeds, the database or a model is escaped; a link is written only for an http(s) URL, with
 * the characters that would end it percent-encoded. Slack refuses the whole message when one section's text
 * passes 3,000 characters or a message has more than 50 blocks, so long text is split over several sections
 * at word and markup boundaries (never inside a link or an entity), and blocks over several messages.
 */
const sectionTextLimit = 3000;
export const blocksPerMessage = 50;

export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `|` would end the URL and start the label, `>` the whole link; whitespace is not part of a URL either. */
const linkTarget = (url: string) => url.replace(/[|<>\s]/g, (character) => encodeURIComponent(character));

/** A run of text, or a link whose label is shown as text when its URL is not http(s). */
type Inline = string | { url: string | null; label: string };

/** One line of a section, bold or italic as a whole (the markers are repeated on every part a split makes). */
export type MrkdwnLine = { style?: 'bold' | 'italic'; parts: Inline[] };

const markers = { bold: '*', italic: '_' } as const;

/** The lines as section texts of at most `limit` characters each; all the text is kept. */
export function mrkdwnSections(lines: MrkdwnLine[], limit = sectionTextLimit): string[] {
  const sections: string[] = [];
  let current: string | undefined;
  for (const line of lines.flatMap((entry) => lineTexts(entry, limit))) {
    if (current !== undefined && current.length + 1 + line.length <= limit) {
      current += `\n${line}`;
      continue;
    }
    if (current !== undefined && current !== '') sections.push(current);
    current = line;
  }
  if (current !== undefined && current.trim() !== '') sections.push(current);
  return sections;
}

/** One line as one or more texts that each fit `limit` with their style markers. */
function lineTexts(line: MrkdwnLine, limit: number): string[] {
  const marker = line.style ? markers[line.style] : '';
  const room = limit - 2 * marker.length;
  const tokens = line.parts.flatMap((part) => inlineTokens(part, room));
  const texts: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.trim();
    if (text) texts.push(`${marker}${text}${marker}`);
    current = '';
  };
  // Tokens end in their whitespace, which a split drops: only the non-space part has to fit.
  const fits = (piece: string) => current.length + piece.trimEnd().length <= room;
  for (const token of tokens) {
    if (!fits(token)) flush();
    for (const piece of splitWord(token, room)) {
      if (!fits(piece)) flush();
      current += piece;
    }
  }
  flush();
  // An empty plain line is a paragraph break in the text; keep it.
  return texts.length === 0 && !marker ? [''] : texts;
}

/** Words with their trailing space, and a link as one token when it fits a section. */
function inlineTokens(part: Inline, room: number): string[] {
  if (typeof part === 'string') return words(escapeMrkdwn(part));
  const label = escapeMrkdwn(part.label);
  if (!isWebUrl(part.url)) return words(label);
  const target = linkTarget(part.url);
  if (target.length + label.length + 3 <= room) return [`<${target}|${label}>`];
  // Too long for one section (a 2,000-character URL and a 1,000-character title): the link takes the words of
  // the label that fit and the rest follows as text; an address too long to link at all is shown as text.
  const rest = words(label);
  let inside = '';
  while (rest.length > 0 && target.length + (inside + rest[0]!).trimEnd().length + 3 <= room) inside += rest.shift();
  if (!inside.trim()) return [...words(label), ' ', ...words(escapeMrkdwn(part.url))];
  return [`<${target}|${inside.trimEnd()}>${/\s$/.test(inside) ? ' ' : ''}`, ...rest];
}

const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

/** Cuts a word longer than `size`, never inside an entity (`&amp;`) or a surrogate pair. */
function splitWord(word: string, size: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > size) {
    let cut = size;
    const entity = rest.lastIndexOf('&', cut - 1);
    // Escaped text has no bare `&`: each one starts an entity of at most five characters.
    if (entity > 0 && cut - entity < 5 && rest.indexOf(';', entity) >= cut) cut = entity;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}
