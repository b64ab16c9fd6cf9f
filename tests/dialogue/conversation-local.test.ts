import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialogue } from '../../src/dialogue/handle-turn.js';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { createLocalUnderstander } from '../../src/understanding/local-understanding.js';
import { createExtractedProfileExtractor } from '../../src/understanding/extracted-profile-update.js';
import { promptsDirectory } from '../../adapters/assistant/create-assistant.js';
import { startMemoryAssistantHarness, type MemoryAssistantHarness } from '../support/memory-assistant-harness.js';

const injectionFeed = fileURLToPath(new URL('../fixtures/injection-offerings.jsonl', import.meta.url));

let harness: MemoryAssistantHarness;
beforeAll(async () => {
  harness = await startMemoryAssistantHarness({ extraFeeds: [injectionFeed] });
});
afterAll(() => harness?.close());

/** What the store keeps, in the shape of the PostgreSQL rows these checks were first written against. */
const stored = () => harness.store.records();
const learnerIdOf = (externalId: string, channel = 'web') =>
  stored().identities.find((identity) => identity.channel === channel && identity.externalId === externalId)?.learnerId;
const ratingRows = () =>
  stored().ratings.map((rating) => ({
    score: rating.score,
    text: rating.text,
    offering_id: rating.offeringId,
    recommendation_id: rating.recommendationId,
    turn_id: rating.turnId,
  }));
/** The learner's consent and how many stored profiles they have (a learner row joined to its identity). */
const consentRow = (externalId: string) => {
  const records = stored();
  const learnerId = records.identities.find((identity) => identity.externalId === externalId)?.learnerId;
  const learner = records.learners.find((row) => row.id === learnerId);
  if (!learner) return undefined;
  return {
    consent_at: learner.consentAt,
    profiles: records.profiles.filter((profile) => profile.learnerId === learner.id).length,
  };
};

/** One learner's conversation: each `say` is a turn on the same channel identity and session. */
function learner(userId: string, options: { channel?: Turn['channel']; sessionId?: string } = {}) {
  const replies: Reply[] = [];
  return {
    replies,
    async say(text: string) {
      const reply = await harness.assistant.handleTurn({
        channel: options.channel ?? 'web',
        userId,
        text,
        ...(options.sessionId ? { sessionId: options.sessionId } : {}),
      });
      replies.push(reply);
      return reply;
    },
    async act(action: NonNullable<Turn['action']>) {
      const reply = await harness.assistant.handleTurn({
        channel: options.channel ?? 'web',
        userId,
        action,
        ...(options.sessionId ? { sessionId: options.sessionId } : {}),
      });
      replies.push(reply);
      return reply;
    },
  };
}

const turnsUntilSuggestions = (replies: Reply[]) => replies.findIndex((reply) => reply.suggestions.length > 0) + 1;

function expectWellFormedSuggestions(reply: Reply) {
  // Evidence decides how many fit (never more than five): a course is shown only when it is about what was asked.
  expect(reply.suggestions.length).toBeGreaterThanOrEqual(1);
  expect(reply.suggestions.length).toBeLessThanOrEqual(5);
  for (const suggestion of reply.suggestions) {
    expect(suggestion.title).not.toBe('');
    expect(suggestion.provider).not.toBe('');
    expect(suggestion.price).not.toBe('');
    expect(suggestion.reason).not.toBe('');
    expect(['online', 'campus', 'blended', 'unknown']).toContain(suggestion.mode);
    expect(reply.text).toContain(suggestion.title);
  }
}

describe('conversation in Bokmål (local path)', () => {
  it('helps first when the first message says what and why, then asks one question it has no answer to', async () => {
    const anne = learner('nb-anne');
    const first = await anne.say('Jeg er sykepleier og vil lære mer om eldreomsorg og psykisk helse.');
    expect(turnsUntilSuggestions(anne.replies)).toBe(1);
    expect(first.language).toBe('nb');
    expectWellFormedSuggestions(first);
    expect(first.text).toMatch(/Her er \d forslag/);
    // Role and subject were said: the one question is about time, never about either of them.
    expect(first.questions).toEqual([expect.stringMatching(/Hvor mye tid har du/)]);
    const second = await anne.say('vet ikke');
    expect(second.questions ?? []).toEqual([]);
  });

  it('shows suggestions at once on "bare vis meg", without its words as a subject', async () => {
    const bo = learner('nb-bo');
    const first = await bo.say('Hei, jeg er lærer');
    expect(first.suggestions).toHaveLength(0);
    expect(first.questions?.length).toBe(1);
    const shown = await bo.say('bare vis meg programmering');
    expectWellFormedSuggestions(shown);
    expect(shown.text).not.toMatch(/ingen tilbud om «vis»/);
  });

  it('stores a rating given in words and shows the average in later suggestions', async () => {
    const cato = learner('nb-cato');
    await cato.say('Jeg jobber som regnskapsfører og vil lære mer om økonomi og regnskap. Bare vis meg.');
    const shown = cato.replies.at(-1)!;
    expectWellFormedSuggestions(shown);
    const second = shown.suggestions[1]!;
    const rated = await cato.say('nr 2 var bra, 5 av 5');
    expect(rated.text).toContain(second.title);
    const rows = ratingRows()
      .filter((rating) => rating.offering_id === second.offeringId)
      .map(({ turn_id, ...rating }) => rating);
    expect(rows).toEqual([
      expect.objectContaining({ score: 5, text: 'nr 2 var bra, 5 av 5', offering_id: second.offeringId }),
    ]);
    expect(rows[0]!.recommendation_id).toBeTruthy();
    // Another learner asking the same sees the rating on that offering.
    const dina = learner('nb-dina');
    const again = await dina.say('Jeg jobber som regnskapsfører og vil lære mer om økonomi og regnskap. Bare vis meg.');
    const same = again.suggestions.find((suggestion) => suggestion.offeringId === second.offeringId);
    expect(same?.rating).toEqual({ average: 5, count: 1 });
    expect(again.text).toMatch(/vurdert 5 av 5 \(1\)/);
  });

  it('takes a correction ("ikke Bergen – Trondheim") and says what it knows', async () => {
    const eva = learner('nb-eva');
    await eva.say('Jeg vil bli ingeniør og studere i Bergen.');
    await eva.say('ikke Bergen – Trondheim');
    await eva.act({ type: 'consent', given: true });
    const known = await eva.say('Hva vet du om meg?');
    expect(known.text).toMatch(/sted: Trondheim/);
    expect(known.text).not.toMatch(/sted: [^;]*Bergen/);
    const rows = stored().profiles.filter((profile) => profile.learnerId === learnerIdOf('nb-eva'));
    expect(rows[0]!.profile.places).toEqual(['Trondheim']);
  });

  it('greets a returning learner with what it knows', async () => {
    const first = learner('nb-frida', { sessionId: 'frida-monday' });
    await first.say('Jeg er lærer og vil lære programmering, 4 timer i uka.');
    await first.act({ type: 'consent', given: true });
    const later = learner('nb-frida', { sessionId: 'frida-friday' });
    const welcome = await later.say('Hei igjen');
    expect(welcome.text).toMatch(/Velkommen tilbake!.*lærer.*programmering/s);
  });

  it('deletes every row about a learner on "glem meg"', async () => {
    const gro = learner('nb-gro');
    await gro.say('Jeg er sykepleier og vil lære om demens. Bare vis meg.');
    await gro.say('nr 1 var bra, 4 av 5');
    const learnerId = learnerIdOf('nb-gro') as string;
    const conversations = stored()
      .conversations.filter((conversation) => conversation.learnerId === learnerId)
      .map((conversation) => conversation.id);
    expect(conversations.length).toBeGreaterThan(0);
    const gone = await gro.say('glem meg');
    expect(gone.text).toMatch(/slettet alt/);
    const after = stored();
    const ofLearner = (rows: readonly { learnerId: string }[]) =>
      rows.filter((row) => row.learnerId === learnerId).length;
    const inConversations = (rows: readonly { conversationId: string }[]) =>
      rows.filter((row) => conversations.includes(row.conversationId)).length;
    const counts = {
      rows: [
        {
          learners: after.learners.filter((learner) => learner.id === learnerId).length,
          identities: ofLearner(after.identities),
          profiles: ofLearner(after.profiles),
          conversations: ofLearner(after.conversations),
          turns: inConversations(after.turns),
          recommendations: inConversations(after.recommendations),
          ratings: ofLearner(after.ratings),
        },
      ],
    };
    expect(counts.rows[0]).toEqual({
      learners: 0,
      identities: 0,
      profiles: 0,
      conversations: 0,
      turns: 0,
      recommendations: 0,
      ratings: 0,
    });
    const fresh = await gro.say('Hva vet du om meg?');
    expect(fresh.text).toMatch(/ingenting om deg/);
  });

  it('tells a new learner what is kept and why, and keeps the profile for the conversation only until they consent', async () => {
    const profileRows = async () => consentRow('nb-jon');
    const monday = learner('nb-jon', { sessionId: 'jon-monday' });
    const first = await monday.say('Jeg er sykepleier og vil lære om demens. Bare vis meg.');
    // Help first: the suggestions, then the consent question, then one line on what is kept and the commands.
    expect(first.suggestions.length).toBeGreaterThan(0);
    expect(first.text).toMatch(
      /forslag.*Vil du at jeg husker profilen din.*til neste gang.*\n\nPersonvern: Jeg lagrer samtalen[^\n]*eksporter dataene mine[^\n]*glem meg[^\n]*$/s,
    );
    expect(first.actions).toEqual(
      expect.arrayContaining([
        { label: 'Ja, husk meg', action: { type: 'consent', given: true } },
        { label: 'Nei takk', action: { type: 'consent', given: false } },
      ]),
    );
    const declined = await monday.act({ type: 'consent', given: false });
    expect(declined.text).toMatch(/bare i denne samtalen/);
    // Declined: nothing on the learner, but the conversation still knows, and its turns and ratings are kept.
    const rated = await monday.say('nr 1 var bra, 4 av 5');
    expect(rated.text).not.toMatch(/Personvern:|husker profilen din/);
    expect((await monday.say('Hva vet du om meg?')).text).toMatch(/sykepleier/);
    expect(await profileRows()).toEqual({ consent_at: null, profiles: 0 });
    const mondayRecords = stored();
    const jon = learnerIdOf('nb-jon');
    const mondayConversations = mondayRecords.conversations
      .filter((conversation) => conversation.sessionKey === 'jon-monday')
      .map((conversation) => conversation.id);
    const kept = {
      ratings: mondayRecords.ratings.filter((rating) => rating.learnerId === jon).length,
      turns: mondayRecords.turns.filter((turn) => mondayConversations.includes(turn.conversationId)).length,
    };
    expect(kept).toEqual({ ratings: 1, turns: 8 });

    // A new conversation starts without the profile and does not ask again (the no is remembered); a yes in words keeps it from then on.
    const tuesday = learner('nb-jon', { sessionId: 'jon-tuesday' });
    const unknown = await tuesday.say('Hva vet du om meg?');
    expect(unknown.text).toMatch(/ingenting om deg/);
    expect(unknown.text).not.toMatch(/husker profilen din/);
    await tuesday.say('Jeg er lærer og vil lære programmering.');
    expect((await tuesday.say('Husk meg')).text).toMatch(/husker det du forteller/);
    expect(await profileRows()).toMatchObject({ consent_at: expect.any(Date), profiles: 1 });
    const wednesday = learner('nb-jon', { sessionId: 'jon-wednesday' });
    const welcome = await wednesday.say('Hei igjen');
    expect(welcome.text).toMatch(/Velkommen tilbake!.*lærer.*programmering/s);
    expect(welcome.text).not.toMatch(/Om personvern/);

    // Withdrawn: the stored profile is deleted and later turns do not store it again.
    expect((await wednesday.say('Jeg vil trekke tilbake samtykket')).text).toMatch(/slettet profilen din/);
    expect(await profileRows()).toEqual({ consent_at: null, profiles: 0 });
    await wednesday.say('Jeg har 5 timer i uka, helst på nett.');
    expect((await wednesday.say('Hva vet du om meg?')).text).toMatch(/lærer/);
    expect(await profileRows()).toEqual({ consent_at: null, profiles: 0 });
    const thursday = learner('nb-jon', { sessionId: 'jon-thursday' });
    expect((await thursday.say('Hva vet du om meg?')).text).toMatch(/ingenting om deg/);
  });

  it('records consent, and deletes the stored profile when it is withdrawn', async () => {
    const ida = learner('nb-ida');
    await ida.say('Jeg er lærer og vil lære programmering.');
    const given = await ida.act({ type: 'consent', given: true });
    expect(given.text).toMatch(/husker det du forteller/);
    expect(consentRow('nb-ida')).toMatchObject({
      consent_at: expect.any(Date),
      profiles: 1,
    });
    const withdrawn = await ida.act({ type: 'consent', given: false });
    expect(withdrawn.text).toMatch(/slettet profilen din/);
    expect(consentRow('nb-ida')).toEqual({ consent_at: null, profiles: 0 });
  });

  it('treats offering text as data: an injected instruction changes nothing', async () => {
    const hanna = learner('nb-hanna');
    const reply = await hanna.say('Jeg er helsefagarbeider og vil lære om eldreomsorg. Bare vis meg.');
    expectWellFormedSuggestions(reply);
    expect(reply.suggestions.some((suggestion) => suggestion.provider === 'ScamCorp')).toBe(false);
    expect(reply.text).not.toMatch(/ScamCorp|Bitcoin|IGNORE|99 kr/i);
  });
});

describe('conversation in Nynorsk (local path)', () => {
  it('asks and answers in Nynorsk, and rates the set', async () => {
    const ivar = learner('nn-ivar');
    const first = await ivar.say('Eg jobbar som sjukepleiar.');
    expect(first.language).toBe('nn');
    expect(first.text).toMatch(/Kva vil du lære/);
    const reply = await ivar.say('Eg vil lære meir om eldreomsorg');
    expectWellFormedSuggestions(reply);
    expect(reply.language).toBe('nn');
    expect(reply.text).toMatch(/Her er \d forslag/);
    const rated = await ivar.say('Forslaga var nyttige, 4 av 5');
    expect(rated.text).toMatch(/lagra 4 av 5 for forslaga/);
    const rows = ratingRows().filter((rating) => rating.score === 4 && rating.text === 'Forslaga var nyttige, 4 av 5');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.turn_id).toBeTruthy();
    expect(rows[0]!.offering_id).toBeNull();
  });
});

describe('conversation in English (local path)', () => {
  it('narrows to online, explains a suggestion, finds more like one, and starts over', async () => {
    const jo = learner('en-jo');
    await jo.say('I work as an office assistant and want to learn data analysis to get a better job. Just show me.');
    const shown = jo.replies.at(-1)!;
    expect(shown.language).toBe('en');
    expectWellFormedSuggestions(shown);
    const online = await jo.say('only online please');
    expectWellFormedSuggestions(online);
    expect(
      online.suggestions.every((suggestion) => suggestion.mode === 'online' || suggestion.mode === 'blended'),
    ).toBe(true);
    const why = await jo.say('why number 1?');
    expect(why.text).toContain(`Why "${online.suggestions[0]!.title}"`);
    const more = await jo.act({ type: 'more_like', offeringId: online.suggestions[1]!.offeringId });
    expectWellFormedSuggestions(more);
    const seen = new Set([...shown.suggestions, ...online.suggestions].map((suggestion) => suggestion.offeringId));
    expect(more.suggestions.some((suggestion) => seen.has(suggestion.offeringId))).toBe(false);
    const over = await jo.say('start over');
    expect(over.text).toMatch(/start over/);
    const known = await jo.say('What do you know about me?');
    expect(known.text).toMatch(/don't know anything about you/);
  });

  it('switches language when asked', async () => {
    const kim = learner('en-kim');
    await kim.say('I want to learn Python');
    const switched = await kim.say('svar på nynorsk');
    expect(switched.language).toBe('nn');
    const next = await kim.say('ok');
    expect(next.language).toBe('nn');
  });
});

describe('resilience', () => {
  it('keeps the learner turn when the work after it fails', async () => {
    const templates = await loadReplyTemplates({ directory: promptsDirectory });
    const dialogue = createDialogue({
      store: harness.store,
      recommender: { recommend: async () => Promise.reject(new Error('index unavailable')) },
      understander: createLocalUnderstander({ extractProfile: createExtractedProfileExtractor({}) }),
      templates,
    });
    await expect(
      dialogue.handleTurn({ channel: 'web', userId: 'crash-lars', text: 'Jeg vil lære om demens. Bare vis meg.' }),
    ).rejects.toThrow('index unavailable');
    const records = stored();
    const lars = records.identities.find((identity) => identity.externalId === 'crash-lars')?.learnerId;
    const larsConversations = records.conversations
      .filter((conversation) => conversation.learnerId === lars)
      .map((conversation) => conversation.id);
    const rows = records.turns
      .filter((turn) => larsConversations.includes(turn.conversationId))
      .map((turn) => ({ role: turn.role, text: turn.text }));
    expect(rows).toEqual([{ role: 'user', text: 'Jeg vil lære om demens. Bare vis meg.' }]);
  });
});
