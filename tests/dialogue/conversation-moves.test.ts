import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profile/profile.js';
import type { Reply, Suggestion } from '../../src/dialogue/turn.js';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

/**
 * The conversation moves a learner makes after the first message — a place, a refusal, a correction, "more",
 * a subject the catalogue lacks, a language switch — through the real assistant (local understanding, real
 * retrieval over the catalogue slice in tests/fixtures/catalogue-slice.jsonl), in Bokmål, Nynorsk and English.
 * Topics and places are ones the slice really has: nursing (sykepleie) and economics (økonomi) both in Bergen
 * and Trondheim, data science in Bergen, Python and machine learning on edX/Coursera; the craft words used for
 * "nothing found" (keramikk, glassblåsing, pottery) occur nowhere in it.
 */

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness();
});
afterAll(() => harness?.close());

/** One learner's conversation on the web channel: each `say` is a turn in the same conversation. */
function learner(userId: string) {
  const replies: Reply[] = [];
  return {
    replies,
    async say(text: string) {
      const reply = await harness.assistant.handleTurn({ channel: 'web', userId, text });
      replies.push(reply);
      return reply;
    },
    /** Every offering suggested so far in this conversation. */
    shownIds: () => replies.flatMap((reply) => reply.suggestions.map((suggestion) => suggestion.offeringId)),
    /** Every question asked so far, in order. */
    questions: () => replies.flatMap((reply) => reply.questions ?? []),
  };
}

/** The conversation's own copy of the profile (no consent is given in these tests, so it lives in the conversation's state). */
async function conversationProfile(userId: string): Promise<Profile> {
  return (harness.latestState(userId) as { profile: Profile }).profile;
}

/** The texts the conversation searches for, joined. */
const wantedText = (userId: string): string =>
  (harness.latestState(userId) as { wanted: { text: string }[] }).wanted.map((entry) => entry.text).join(' | ');

/** A suggestion is "about" the topic when its title or its stated reason names it. */
const about = (suggestion: Suggestion, topic: RegExp) => topic.test(`${suggestion.title} ${suggestion.reason}`);

function expectAllAbout(reply: Reply, topic: RegExp) {
  expect(reply.suggestions.length, reply.text).toBeGreaterThan(0);
  for (const suggestion of reply.suggestions)
    expect(about(suggestion, topic), `${suggestion.title} — ${suggestion.reason}`).toBe(true);
}

const texts = {
  nb: {
    nothingAbout: (word: string) => `Jeg fant ingen tilbud om «${word}»`,
    exhausted: /Jeg har ikke flere forslag/,
    roleQuestion: /Hva jobber du med/,
    timeQuestion: /Hvor mye tid har du/,
    export: '«eksporter dataene mine»',
    forget: '«glem meg»',
    consent: /Vil du at jeg husker profilen din/,
  },
  nn: {
    nothingAbout: (word: string) => `Eg fann ingen tilbod om «${word}»`,
    exhausted: /Eg har ikkje fleire forslag/,
    roleQuestion: /Kva jobbar du med/,
    timeQuestion: /Kor mykje tid har du/,
    export: '«eksporter dataa mine»',
    forget: '«gløym meg»',
    consent: /Vil du at eg hugsar profilen din/,
  },
  en: {
    nothingAbout: (word: string) => `I found no offerings about «${word}»`,
    exhausted: /I have no more suggestions/,
    roleQuestion: /What do you work with/,
    timeQuestion: /How much time do you have/,
    export: '“export my data”',
    forget: '“forget me”',
    consent: /Would you like me to remember your profile/,
  },
} as const;

describe('a place said after the topic narrows the search and never replaces the topic', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-place-nb',
      topic: 'Jeg vil ta videreutdanning i sykepleie.',
      place: 'helst i Bergen',
      word: /sykepleie/i,
    },
    {
      language: 'nn',
      userId: 'moves-place-nn',
      topic: 'Eg vil lære meir om økonomi.',
      place: 'Eg bur i Bergen',
      word: /økonomi/i,
    },
    {
      language: 'en',
      userId: 'moves-place-en',
      topic: 'I want to learn data science.',
      place: 'preferably in Bergen',
      word: /data/i,
    },
  ] as const)('$language: "$place"', async ({ language, userId, topic, place, word }) => {
    const ada = learner(userId);
    await ada.say(topic);
    const narrowed = await ada.say(place);
    expect(narrowed.language).toBe(language);
    expectAllAbout(narrowed, word);
    // The catalogue has this topic in Bergen, so a Bergen offering leads the list.
    expect(narrowed.suggestions[0]!.place ?? '', narrowed.text).toMatch(/Bergen/);
  });
});

describe('a place turned down leaves out what is held only there, and is said back', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-not-place-nb',
      topic: 'Jeg vil ta videreutdanning i sykepleie.',
      refusal: 'ikke i Bergen',
    },
    {
      language: 'nn',
      userId: 'moves-not-place-nn',
      topic: 'Eg vil ta vidareutdanning i sjukepleie.',
      refusal: 'ikkje i Bergen',
    },
    {
      language: 'en',
      userId: 'moves-not-place-en',
      topic: 'I want further education in nursing (sykepleie).',
      refusal: 'not in Bergen',
    },
  ] as const)('$language: "$refusal"', async ({ language, userId, topic, refusal }) => {
    const ada = learner(userId);
    const first = await ada.say(topic);
    // The slice has this topic in Bergen: the refusal has something to leave out.
    expect(
      first.suggestions.some((suggestion) => suggestion.place === 'Bergen'),
      first.text,
    ).toBe(true);
    const narrowed = await ada.say(refusal);
    expect(narrowed.language).toBe(language);
    const profile = await conversationProfile(userId);
    expect(profile.avoidPlaces).toEqual(['Bergen']);
    expect(profile.places).toEqual([]);
    // Said back, so the learner sees it was understood as a refusal, not as a place to study.
    expect(narrowed.text).toMatch(/Bergen/);
    const more = await ada.say(
      language === 'en' ? 'more suggestions' : language === 'nn' ? 'fleire forslag' : 'flere forslag',
    );
    expect(narrowed.suggestions.length + more.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of [...narrowed.suggestions, ...more.suggestions])
      expect(suggestion.place ?? '', suggestion.title).not.toBe('Bergen');
  });
});

describe('a refused subject is never suggested again, not even on "more"', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-refuse-nb',
      topic: 'Jeg vil lære om ledelse.',
      refusal: 'ikke interessert i økonomi',
      more: 'Flere forslag',
      refused: /økonomi/i,
    },
    {
      language: 'nn',
      userId: 'moves-refuse-nn',
      topic: 'Eg vil lære meir om økonomi.',
      refusal: 'ikkje regnskap',
      more: 'Fleire forslag',
      refused: /regnskap/i,
    },
    {
      language: 'en',
      userId: 'moves-refuse-en',
      topic: 'I want to learn programming.',
      refusal: 'not Python',
      more: 'More suggestions',
      refused: /python/i,
    },
  ] as const)('$language: "$refusal"', async ({ language, userId, topic, refusal, more, refused }) => {
    const bo = learner(userId);
    await bo.say(topic);
    const after = [await bo.say(refusal), await bo.say(more)];
    expect(after[0]!.suggestions.length, after[0]!.text).toBeGreaterThan(0);
    for (const reply of after) {
      expect(reply.language).toBe(language);
      for (const suggestion of reply.suggestions) expect(suggestion.title).not.toMatch(refused);
    }
  });
});

describe('a correction replaces the old value in what is known and in the suggestions', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-correct-nb',
      first: 'Jeg vil studere sykepleie i Bergen.',
      correction: 'nei forresten, jeg vil heller studere i Trondheim',
      ask: 'Hva vet du om meg?',
    },
    {
      language: 'nn',
      userId: 'moves-correct-nn',
      first: 'Eg vil studere økonomi i Bergen.',
      correction: 'nei forresten, Trondheim',
      ask: 'Kva veit du om meg?',
    },
  ] as const)('$language: Bergen → Trondheim', async ({ language, userId, first, correction, ask }) => {
    const cato = learner(userId);
    await cato.say(first);
    const corrected = await cato.say(correction);
    expect(corrected.language).toBe(language);
    expect(corrected.suggestions.length, corrected.text).toBeGreaterThan(0);
    // Taught in Trondheim (an offering taught in both cities is fine).
    for (const suggestion of corrected.suggestions)
      expect(suggestion.place ?? '', suggestion.title).toMatch(/Trondheim/);
    const known = await cato.say(ask);
    expect(known.text).toMatch(/Trondheim/);
    expect(known.text).not.toMatch(/Bergen/);
    expect((await conversationProfile(userId)).places).toEqual(['Trondheim']);
  });

  it('en: "actually, not online"', async () => {
    const dana = learner('moves-correct-en');
    await dana.say('I want to learn data analysis online.');
    const corrected = await dana.say('actually, not online');
    expect(corrected.language).toBe('en');
    expect(corrected.suggestions.length, corrected.text).toBeGreaterThan(0);
    for (const suggestion of corrected.suggestions) expect(suggestion.mode, suggestion.title).not.toBe('online');
    const known = await dana.say('What do you know about me?');
    // Known as turned down, and nowhere as a wish or a subject.
    expect(known.text).toMatch(/not interested in online/);
    expect(known.text.replace('not interested in online', '')).not.toMatch(/\bonline\b/);
    expect((await conversationProfile('moves-correct-en')).modes).not.toContain('online');
  });
});

describe('"nei, …" takes back what the previous message added, and keeps the subject', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-retract-nb',
      topic: 'Jeg vil studere sykepleie.',
      wish: 'kanskje en master?',
      retraction: 'nei vent, en videreutdanning',
      taken: 'master',
      subject: /sykepleie/i,
    },
    {
      language: 'nn',
      userId: 'moves-retract-nn',
      topic: 'Eg vil lære meir om økonomi.',
      wish: 'eit år på folkehøgskule kanskje',
      retraction: 'nei, på nett meinte eg',
      taken: 'folk_high_school',
      subject: /økonomi/i,
    },
    {
      language: 'en',
      userId: 'moves-retract-en',
      topic: 'I want to learn machine learning.',
      wish: "maybe a full master's degree?",
      retraction: 'actually no, just the fundamentals',
      taken: 'master',
      subject: /machine learning/i,
    },
  ] as const)('$language: "$retraction"', async ({ language, userId, topic, wish, retraction, taken, subject }) => {
    const jo = learner(userId);
    await jo.say(topic);
    await jo.say(wish);
    const wished = await conversationProfile(userId);
    expect(
      [...wished.levels, ...(wished.wishes?.levels ?? [])],
      'the wish was understood before it is taken back',
    ).toContain(taken);
    const after = await jo.say(retraction);
    expect(after.language).toBe(language);
    const profile = await conversationProfile(userId);
    expect([...profile.levels, ...(profile.wishes?.levels ?? [])]).not.toContain(taken);
    const wanted = wantedText(userId);
    // The subject stays; the words of the message taken back leave the search.
    expect(wanted).toMatch(subject);
    expect(wanted).not.toContain(wish.replace(/[?]$/, ''));
    expectAllAbout(after, subject);
  });
});

describe('"nei, ikke …" only turns something down: what the previous message said stays', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-nei-ikke-nb',
      topic: 'Jeg vil studere sykepleie.',
      place: 'helst i Bergen',
      refusal: 'nei, ikke Borre',
      refused: 'Borre',
      kept: 'Bergen',
    },
    {
      language: 'nn',
      userId: 'moves-nei-ikkje-nn',
      topic: 'Eg vil lære meir om økonomi.',
      place: 'gjerne i Trondheim',
      refusal: 'nei, ikkje regnskap',
      refused: 'regnskap',
      kept: 'Trondheim',
    },
    {
      language: 'en',
      userId: 'moves-no-not-en',
      topic: 'I want to learn data science.',
      place: 'preferably in Bergen',
      refusal: 'no, not Python',
      refused: 'Python',
      kept: 'Bergen',
    },
  ] as const)(
    '$language: "$refusal" keeps $kept',
    async ({ language, userId, topic, place, refusal, refused, kept }) => {
      const kim = learner(userId);
      await kim.say(topic);
      await kim.say(place);
      const after = await kim.say(refusal);
      expect(after.language).toBe(language);
      const profile = await conversationProfile(userId);
      expect([...profile.places, ...(profile.wishes?.places ?? [])]).toContain(kept);
      for (const suggestion of after.suggestions) expect(suggestion.title).not.toMatch(new RegExp(refused, 'i'));
    },
  );
});

describe('"nei, bare det grunnleggende" after the only subject keeps the subject and adds the depth', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-depth-nb',
      role: 'Jeg jobber som regnskapsfører.',
      topic: 'Jeg vil lære økonomi.',
      retraction: 'nei vent, bare det grunnleggende',
      subject: /økonomi/i,
    },
    {
      language: 'en',
      userId: 'moves-depth-en',
      role: 'I work as an accountant.',
      topic: 'I want to learn machine learning.',
      retraction: 'actually no, just the fundamentals',
      subject: /machine learning/i,
    },
  ] as const)('$language: "$retraction"', async ({ userId, role, topic, retraction, subject }) => {
    const kim = learner(userId);
    await kim.say(role);
    await kim.say(topic);
    const after = await kim.say(retraction);
    expect(wantedText(userId)).toMatch(subject);
    expectAllAbout(after, subject);
  });
});

describe('"more" never repeats an offering, and says so when the catalogue runs out', () => {
  it.each([
    { language: 'nb', userId: 'moves-more-nb', topic: 'Jeg vil lære regnskap.', more: 'Flere forslag' },
    { language: 'nn', userId: 'moves-more-nn', topic: 'Eg vil lære meir om regnskap.', more: 'Fleire forslag' },
    { language: 'en', userId: 'moves-more-en', topic: 'I want to learn machine learning.', more: 'More suggestions' },
  ] as const)('$language: "$more"', async ({ language, userId, topic, more }) => {
    const eli = learner(userId);
    const first = await eli.say(topic);
    expect(first.suggestions.length, first.text).toBeGreaterThan(0);
    // Ask for more until the list is empty (bounded: the slice has at most a few pages on one subject).
    for (let page = 0; page < 6 && eli.replies.at(-1)!.suggestions.length > 0; page += 1) {
      const earlier = new Set(eli.shownIds());
      const next = await eli.say(more);
      expect(next.language).toBe(language);
      for (const suggestion of next.suggestions)
        expect(earlier.has(suggestion.offeringId), `${suggestion.title} shown again`).toBe(false);
    }
    const moreReplies = eli.replies.slice(1);
    expect(moreReplies.length, 'at least two "more" turns').toBeGreaterThanOrEqual(2);
    const last = eli.replies.at(-1)!;
    expect(last.suggestions).toHaveLength(0);
    expect(last.text).toMatch(texts[language].exhausted);
  });
});

describe('"more" after the learner changed what they asked pages the new search', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-page-nb',
      topic: 'Jeg vil lære økonomi.',
      change: 'Helst i Trondheim.',
      more: 'Flere forslag',
      seen: /Nr\. ([\d, og]+) viste jeg deg også tidligere/,
    },
    {
      language: 'nn',
      userId: 'moves-page-nn',
      topic: 'Eg vil lære økonomi.',
      change: 'Helst i Trondheim.',
      more: 'Fleire forslag',
      seen: /Nr\. ([\d, og]+) viste eg deg òg tidlegare/,
    },
    {
      language: 'en',
      userId: 'moves-page-en',
      topic: 'I want to study economics.',
      change: 'Ideally in Trondheim.',
      more: 'More suggestions',
      seen: /I also showed you no\. ([\d, and]+) earlier/,
    },
  ] as const)('$language', async ({ userId, topic, change, more, seen }) => {
    const ola = learner(userId);
    const first = await ola.say(topic);
    const changed = await ola.say(change);
    expect(changed.suggestions.length, changed.text).toBeGreaterThan(0);
    const next = await ola.say(more);
    // Never the list just shown; an offering from before the change only where it ranks now, and said so by number.
    const justShown = new Set(changed.suggestions.map((suggestion) => suggestion.offeringId));
    const before = new Set(first.suggestions.map((suggestion) => suggestion.offeringId));
    for (const suggestion of next.suggestions)
      expect(justShown.has(suggestion.offeringId), `${suggestion.title} repeated`).toBe(false);
    const again = next.suggestions.flatMap((suggestion, index) =>
      before.has(suggestion.offeringId) ? [String(index + 1)] : [],
    );
    const named = seen.exec(next.text)?.[1]?.match(/\d+/g) ?? [];
    expect(named, next.text).toEqual(again);
  });
});

describe('a subject the catalogue lacks is said to be missing, never answered with an unrelated course', () => {
  it.each([
    { language: 'nb', userId: 'moves-none-nb', message: 'Jeg vil lære keramikk.', word: 'keramikk' },
    { language: 'nn', userId: 'moves-none-nn', message: 'Eg vil lære glassblåsing.', word: 'glassblåsing' },
    { language: 'en', userId: 'moves-none-en', message: 'I want to learn pottery.', word: 'pottery' },
  ] as const)('$language: «$word»', async ({ language, userId, message, word }) => {
    const fia = learner(userId);
    const reply = await fia.say(message);
    expect(reply.language).toBe(language);
    expect(reply.text).toContain(texts[language].nothingAbout(word));
    // Nothing was shown before, so there is no "no more suggestions".
    expect(reply.text).not.toMatch(texts[language].exhausted);
    // Nothing in the slice is about it, so any suggestion would be an unrelated course presented as a match.
    expect(reply.suggestions).toHaveLength(0);
  });
});

describe('a question is never repeated and never asks what was already said', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-ask-nb',
      first: 'Jeg er lærer, har 5 timer i uka og vil lære programmering.',
      follow: ['vet ikke', 'vet ikke', 'Flere forslag'],
    },
    {
      language: 'nn',
      userId: 'moves-ask-nn',
      first: 'Eg jobbar som tømrar, har 4 timar i veka og vil lære meir om økonomi.',
      follow: ['veit ikkje', 'veit ikkje', 'Fleire forslag'],
    },
    {
      language: 'en',
      userId: 'moves-ask-en',
      first: "I'm a nurse, I have 3 hours a week and I want to learn data analysis.",
      follow: ["don't know", "don't know", 'More suggestions'],
    },
  ] as const)('$language: role and time given in the first message', async ({ language, userId, first, follow }) => {
    const gus = learner(userId);
    await gus.say(first);
    for (const text of follow) await gus.say(text);
    const questions = gus.questions();
    expect(gus.replies.every((reply) => reply.language === language)).toBe(true);
    expect(new Set(questions).size, questions.join(' | ')).toBe(questions.length);
    expect(questions.join(' ')).not.toMatch(texts[language].roleQuestion);
    expect(questions.join(' ')).not.toMatch(texts[language].timeQuestion);
  });
});

describe('the reply language follows a request in words, and stays', () => {
  it.each([
    {
      from: 'nb',
      to: 'en',
      userId: 'moves-lang-nb-en',
      first: 'Jeg vil lære om ledelse.',
      request: 'can we switch back to English?',
      next: 'ok',
    },
    {
      from: 'en',
      to: 'nn',
      userId: 'moves-lang-en-nn',
      first: 'I want to learn Python.',
      request: 'svar på nynorsk',
      next: 'ok',
    },
    {
      from: 'nn',
      to: 'en',
      userId: 'moves-lang-nn-en',
      first: 'Eg vil lære meir om økonomi.',
      request: 'kan du svare på engelsk?',
      next: 'ok',
    },
  ] as const)('$from → $to: "$request"', async ({ from, to, userId, first, request, next }) => {
    const hal = learner(userId);
    expect((await hal.say(first)).language).toBe(from);
    expect((await hal.say(request)).language).toBe(to);
    expect((await hal.say(next)).language).toBe(to);
  });

  it.each([
    { language: 'nn', userId: 'moves-lang-hei-nn', greeting: 'hei', message: 'eg vil jobbe med økonomi' },
    { language: 'en', userId: 'moves-lang-hi-en', greeting: 'hei', message: 'I want to learn Python' },
  ] as const)(
    'a greeting does not fix the language: "$greeting", then $language',
    async ({ language, userId, greeting, message }) => {
      const ida = learner(userId);
      await ida.say(greeting);
      const reply = await ida.say(message);
      expect(reply.language, reply.text).toBe(language);
    },
  );
});

describe('the first reply helps first', () => {
  it.each([
    {
      language: 'nb',
      userId: 'moves-first-nb',
      message: 'Jeg er sykepleier og vil ta videreutdanning i kreftsykepleie.',
    },
    { language: 'nn', userId: 'moves-first-nn', message: 'Eg vil lære meir om samfunnsøkonomi.' },
    { language: 'en', userId: 'moves-first-en', message: 'I want to learn machine learning with Python.' },
  ] as const)(
    '$language: suggestions, one short privacy line, consent asked after the suggestions',
    async ({ language, userId, message }) => {
      const ivy = learner(userId);
      const first = await ivy.say(message);
      expect(first.language).toBe(language);
      expect(first.suggestions.length, first.text).toBeGreaterThan(0);
      const paragraphs = first.text.split('\n\n');
      const privacy = paragraphs.filter((paragraph) => paragraph.includes(texts[language].forget));
      expect(privacy, first.text).toHaveLength(1);
      expect(privacy[0]!.length).toBeLessThan(250);
      expect(privacy[0]).toContain(texts[language].export);
      const consentAt = first.text.search(texts[language].consent);
      const lastSuggestionAt = Math.max(...first.suggestions.map((suggestion) => first.text.indexOf(suggestion.title)));
      expect(consentAt).toBeGreaterThan(lastSuggestionAt);
    },
  );
});
