import { describe, expect, it } from 'vitest';
import { replyMessages, type Block } from '../../adapters/slack/block-kit.js';
import { escapeMrkdwn, mrkdwnSections } from '../../adapters/slack/mrkdwn.js';
import type { Reply, Suggestion } from '../../src/dialogue/turn.js';

// Slack refuses a whole message with a section text over 3,000 characters or more than 50 blocks
// (security issue 15, item 22); these are the limits with the longest data a reply can carry.

const suggestion = (index: number, overrides: Partial<Suggestion> = {}): Suggestion => ({
  offeringId: `o${index}`,
  title: `Kurs ${index}`,
  provider: 'Kursfabrikken',
  accredited: null,
  isFree: true,
  priceNok: null,
  certificatePriceNok: null,
  price: 'Gratis',
  mode: 'online',
  place: null,
  workload: null,
  rating: null,
  url: `https://kurs.example.no/${index}`,
  reason: 'Handler om ledelse',
  ...overrides,
});
const reply = (suggestions: Suggestion[], text = 'Her er forslag:'): Reply => ({
  sessionId: 's',
  text,
  language: 'nb',
  suggestions,
});
const sectionTexts = (blocks: Block[]) =>
  blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
/** Text without layout: whitespace and the bold/italic markers a split repeats. */
const letters = (text: string) => text.replace(/[\s*_]/g, '');

describe('mrkdwn sections', () => {
  it('splits a long text at words, never inside an entity, and keeps every character', () => {
    const text = `${'Ledelse & sykepleie <fag> '.repeat(300)}${'&<>'.repeat(2000)}`;
    const sections = mrkdwnSections([{ parts: [text] }]);
    expect(sections.length).toBeGreaterThan(5);
    for (const section of sections) {
      expect(section.length).toBeLessThanOrEqual(3000);
      expect(section.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
    expect(letters(sections.join(''))).toBe(letters(escapeMrkdwn(text)));
    // Words stay whole where there are words.
    expect(escapeMrkdwn(text).startsWith(`${sections[0]} `)).toBe(true);
  });

  it('repeats a style on every part of a split line, and keeps a link whole when it fits a section', () => {
    const url = `https://kurs.example.no/${'a'.repeat(1976)}`;
    const label = 'Ledelse '.repeat(112).trim();
    const sections = mrkdwnSections([
      { style: 'bold', parts: ['1. ', { url, label }] },
      { style: 'italic', parts: ['grunn '.repeat(600)] },
    ]);
    for (const section of sections) for (const line of section.split('\n')) expect(line).toMatch(/^([*_]).*\1$/s);
    expect(sections[0]).toBe(`*1. <${url}|${label}>*`);
  });

  it('links as much of a 1,000-character title as fits beside a 2,000-character URL, and shows the rest after it', () => {
    const url = `https://kurs.example.no/${'a'.repeat(1976)}`;
    const label = 'Ledelse '.repeat(125).trim();
    const [first, ...rest] = mrkdwnSections([{ style: 'bold', parts: ['1. ', { url, label }] }]);
    expect(first).toMatch(new RegExp(`^\\*1\\. <${url}\\|(Ledelse ?)+>`));
    expect(first!.length).toBeLessThanOrEqual(3000);
    expect(
      letters([first, ...rest].join(''))
        .replace(url, '')
        .replace(/[<>|]/g, ''),
    ).toBe(letters(`1. ${label}`));
  });
});

describe('a reply in Slack', () => {
  it('goes out as several messages of at most 50 blocks when its text needs more, a suggestion and its buttons together', () => {
    const long = reply(
      [1, 2, 3, 4, 5].map((index) =>
        suggestion(index, {
          title: 'T'.repeat(1000),
          url: `https://kurs.example.no/${'b'.repeat(1977)}`,
          reason: 'grunn '.repeat(5000),
        }),
      ),
    );
    const messages = replyMessages(long);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
      // Every message starts at a suggestion's divider or the lead; a suggestion is never split from its buttons.
      const dividers = message.blocks.filter((block) => block.type === 'divider').length;
      const buttons = message.blocks.filter((block) => block.type === 'actions').length;
      expect(buttons).toBe(dividers);
    }
    const shown = letters(messages.flatMap((message) => sectionTexts(message.blocks)).join(''));
    for (const entry of long.suggestions) {
      expect(shown).toContain(letters(entry.title));
      expect(shown).toContain(letters(entry.reason));
    }
  });

  it('keeps an ordinary reply as it was: one message, the title linked in bold, the facts and the reason in italics', () => {
    const [message, ...rest] = replyMessages(reply([suggestion(1)]));
    expect(rest).toEqual([]);
    expect(sectionTexts(message!.blocks)).toEqual([
      'Her er forslag:',
      '*1. <https://kurs.example.no/1|Kurs 1>*\nKursfabrikken · Gratis\n_Handler om ledelse_',
    ]);
    expect(message!.text).toBe('Her er forslag:');
  });
});
