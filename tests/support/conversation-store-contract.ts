import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeginTurnInput, ConversationStore } from '../../src/dialogue/conversation-store.js';
import { freshDialogueState, type DialogueState } from '../../src/dialogue/dialogue-state.js';
import { profileSchema, type Profile } from '../../src/profile/profile.js';

/**
 * What the ConversationStore port promises (src/dialogue/conversation-store.ts), asserted the same way for
 * every implementation: PostgreSQL (tests/storage/conversation-store.int.test.ts) and in memory
 * (tests/storage/memory-conversation-store.test.ts). Only the port is used, so a behaviour one store has
 * and the other lacks fails here.
 */

export type ContractSubject = {
  store: ConversationStore;
  /** Three offerings the store may refer to (a database's foreign keys need real ones). */
  offeringIds: [string, string, string];
  close(): Promise<void>;
};

const profile = profileSchema.parse({
  occupation: { text: 'sykepleier', code: '2223', label: 'Sykepleiere' },
  goals: ['lære mer om demens'],
  topics: ['demens'],
  modes: ['online'],
  places: ['Bergen'],
});

export function conversationStoreContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let subject: ContractSubject;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(() => subject?.close());

    const turn = (userId: string, overrides: Partial<BeginTurnInput> = {}): BeginTurnInput => ({
      channel: 'web',
      userId,
      sessionKey: 'session-1',
      text: 'hei',
      action: undefined,
      idleMinutes: 60,
      ...overrides,
    });

    async function answer(
      begun: Awaited<ReturnType<ConversationStore['beginTurn']>>,
      options: { state?: DialogueState; profile?: Profile; language?: 'nb' | 'nn' | 'en' } = {},
    ) {
      const replyTurnId = randomUUID();
      await subject.store.finishTurn({
        learnerId: begun.learnerId,
        conversationId: begun.conversationId,
        userTurnId: begun.userTurnId,
        replyTurnId,
        understanding: { intent: 'greeting' },
        reply: { text: 'Hei!', language: options.language ?? 'nb' },
        recommendations: [
          {
            id: randomUUID(),
            offeringId: subject.offeringIds[0],
            rank: 1,
            score: 0.5,
            reasons: { matchedTerms: ['demens'], matchedConcepts: [], constraintsMet: [], profileFit: [] },
          },
        ],
        state: options.state ?? freshDialogueState(),
        profile: options.profile,
        usage: { promptTokens: 10, completionTokens: 5, costUsd: 0.001 },
      });
      return replyTurnId;
    }

    it('opens a conversation for a new learner, with nothing known yet', async () => {
      const begun = await subject.store.beginTurn(turn('contract-new'));
      expect(begun).toMatchObject({
        conversationIsNew: true,
        learnerIsReturning: false,
        profile: null,
        consentGiven: false,
        consentDeclined: false,
        declinedOfferingIds: [],
        language: null,
        unanswered: null,
      });
      expect(begun.state).toEqual({});
      expect(begun.userTurnId).not.toBe('');
    });

    it('continues the conversation of the same key, with the state, language and profile the last turn left', async () => {
      const first = await subject.store.beginTurn(turn('contract-continue'));
      const state = { ...freshDialogueState(), asked: ['time' as const] };
      await answer(first, { state, profile, language: 'nn' });
      const second = await subject.store.beginTurn(turn('contract-continue', { text: 'meir' }));
      expect(second.learnerId).toBe(first.learnerId);
      expect(second.conversationId).toBe(first.conversationId);
      expect(second.userTurnId).not.toBe(first.userTurnId);
      expect(second.conversationIsNew).toBe(false);
      expect(second.learnerIsReturning).toBe(false);
      expect(second.state).toEqual(JSON.parse(JSON.stringify(state)));
      expect(second.language).toBe('nn');
      expect(second.profile).toEqual(profile);
      expect(second.unanswered).toBeNull();
    });

    it('keeps conversations apart by key and by channel, and the same person apart by channel', async () => {
      const web = await subject.store.beginTurn(turn('contract-keys'));
      await answer(web);
      const otherKey = await subject.store.beginTurn(turn('contract-keys', { sessionKey: 'session-2' }));
      expect(otherKey.learnerId).toBe(web.learnerId);
      expect(otherKey.conversationId).not.toBe(web.conversationId);
      expect(otherKey.conversationIsNew).toBe(true);
      expect(otherKey.learnerIsReturning).toBe(true);
      const teams = await subject.store.beginTurn(turn('contract-keys', { channel: 'teams' }));
      expect(teams.learnerId).not.toBe(web.learnerId);
      expect(teams.conversationIsNew).toBe(true);
    });

    it('continues a keyless conversation without a key, and by its id as the key', async () => {
      const first = await subject.store.beginTurn(turn('contract-keyless', { sessionKey: undefined }));
      await answer(first);
      const again = await subject.store.beginTurn(turn('contract-keyless', { sessionKey: undefined }));
      expect(again.conversationId).toBe(first.conversationId);
      await answer(again);
      const byId = await subject.store.beginTurn(turn('contract-keyless', { sessionKey: first.conversationId }));
      expect(byId.conversationId).toBe(first.conversationId);
      expect(byId.conversationIsNew).toBe(false);
      // Another learner cannot continue it by naming its id.
      const stranger = await subject.store.beginTurn(turn('contract-stranger', { sessionKey: first.conversationId }));
      expect(stranger.conversationId).not.toBe(first.conversationId);
    });

    it('closes an idle conversation: the next turn opens a new one for a returning learner', async () => {
      const first = await subject.store.beginTurn(turn('contract-idle'));
      await answer(first, { state: { ...freshDialogueState(), asked: ['role' as const] }, language: 'en' });
      const later = await subject.store.beginTurn(turn('contract-idle', { idleMinutes: 0 }));
      expect(later.learnerId).toBe(first.learnerId);
      expect(later.conversationId).not.toBe(first.conversationId);
      expect(later.conversationIsNew).toBe(true);
      expect(later.learnerIsReturning).toBe(true);
      expect(later.state).toEqual({});
      expect(later.language).toBeNull();
    });

    it('hands back the latest message that never got a reply, and nothing once it is answered', async () => {
      const first = await subject.store.beginTurn(turn('contract-unanswered', { text: 'første' }));
      await answer(first);
      await subject.store.beginTurn(turn('contract-unanswered', { text: 'andre, uten svar' }));
      await subject.store.beginTurn(turn('contract-unanswered', { text: '' }));
      const third = await subject.store.beginTurn(turn('contract-unanswered', { text: 'tredje' }));
      expect(third.unanswered).toBe('andre, uten svar');
      await answer(third);
      const fourth = await subject.store.beginTurn(turn('contract-unanswered', { text: 'fjerde' }));
      expect(fourth.unanswered).toBeNull();
    });

    it('averages ratings per offering over learners; a learner rating again replaces their rating', async () => {
      const [rated, other, unrated] = subject.offeringIds;
      const ada = await subject.store.beginTurn(turn('contract-rater-ada'));
      const bo = await subject.store.beginTurn(turn('contract-rater-bo'));
      const before = await subject.store.ratingSummaries([rated, other, unrated]);
      const count = (id: string) => before.get(id)?.count ?? 0;
      const sum = (id: string) => (before.get(id)?.average ?? 0) * count(id);
      await subject.store.addRating({ learnerId: ada.learnerId, score: 1, text: 'dårlig', offeringId: rated });
      await subject.store.addRating({ learnerId: ada.learnerId, score: 5, text: undefined, offeringId: rated });
      await subject.store.addRating({ learnerId: bo.learnerId, score: 4, text: undefined, offeringId: rated });
      await subject.store.addRating({ learnerId: bo.learnerId, score: 2, text: undefined, offeringId: other });
      // A rating of a whole suggestion set counts for no offering.
      const shown = await answer(bo);
      await subject.store.addRating({ learnerId: bo.learnerId, score: 3, text: 'greit', turnId: shown });
      const after = await subject.store.ratingSummaries([rated, other, unrated]);
      expect(after.get(rated)).toEqual({
        count: count(rated) + 2,
        average: expect.closeTo((sum(rated) + 9) / (count(rated) + 2), 9),
      });
      expect(after.get(other)).toEqual({
        count: count(other) + 1,
        average: expect.closeTo((sum(other) + 2) / (count(other) + 1), 9),
      });
      expect(after.get(unrated)).toEqual(before.get(unrated));
      expect(await subject.store.ratingSummaries([])).toEqual(new Map());
    });

    it("declines offerings the learner's latest rating puts at 1 or 2, and only theirs", async () => {
      const [first, second] = subject.offeringIds;
      const begun = await subject.store.beginTurn(turn('contract-decliner'));
      await subject.store.addRating({ learnerId: begun.learnerId, score: 2, text: undefined, offeringId: first });
      await subject.store.addRating({ learnerId: begun.learnerId, score: 1, text: undefined, offeringId: second });
      await subject.store.addRating({ learnerId: begun.learnerId, score: 5, text: undefined, offeringId: second });
      const next = await subject.store.beginTurn(turn('contract-decliner'));
      expect(next.declinedOfferingIds).toEqual([first]);
      const someoneElse = await subject.store.beginTurn(turn('contract-not-declining'));
      expect(someoneElse.declinedOfferingIds).toEqual([]);
      // Also on a turn that opens a new conversation.
      const later = await subject.store.beginTurn(turn('contract-decliner', { idleMinutes: 0 }));
      expect(later.conversationIsNew).toBe(true);
      expect(later.declinedOfferingIds).toEqual([first]);
    });

    it('records consent; saying no is remembered and deletes the stored profile; yes again clears the no', async () => {
      const first = await subject.store.beginTurn(turn('contract-consent'));
      await answer(first, { profile });
      await subject.store.setConsent({ learnerId: first.learnerId, given: true });
      const given = await subject.store.beginTurn(turn('contract-consent', { idleMinutes: 0 }));
      expect(given).toMatchObject({ consentGiven: true, consentDeclined: false, profile });
      await subject.store.setConsent({ learnerId: first.learnerId, given: false });
      const withdrawn = await subject.store.beginTurn(turn('contract-consent'));
      expect(withdrawn).toMatchObject({ consentGiven: false, consentDeclined: true, profile: null });
      await subject.store.setConsent({ learnerId: first.learnerId, given: true });
      const again = await subject.store.beginTurn(turn('contract-consent'));
      expect(again).toMatchObject({ consentGiven: true, consentDeclined: false });
    });

    it('forgets a learner: the same identity comes back as a stranger, and their ratings no longer count', async () => {
      const [offering] = subject.offeringIds;
      const first = await subject.store.beginTurn(turn('contract-forget'));
      await answer(first, { profile });
      await subject.store.setConsent({ learnerId: first.learnerId, given: true });
      const before = await subject.store.ratingSummaries([offering]);
      await subject.store.addRating({ learnerId: first.learnerId, score: 1, text: undefined, offeringId: offering });
      await subject.store.forgetLearner(first.learnerId);
      expect(await subject.store.ratingSummaries([offering])).toEqual(before);
      const back = await subject.store.beginTurn(turn('contract-forget'));
      expect(back.learnerId).not.toBe(first.learnerId);
      expect(back).toMatchObject({
        conversationIsNew: true,
        learnerIsReturning: false,
        profile: null,
        consentGiven: false,
        consentDeclined: false,
        declinedOfferingIds: [],
        unanswered: null,
      });
    });
  });
}
