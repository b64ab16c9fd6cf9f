import { describe, expect, test } from 'vitest';
import {
  generateLinkCode,
  parseLinkRequest,
  createLearnerLinking,
  type LearnerLinkStore,
} from '../../src/identity/link-learners.js';
import { emptyProfile, profileSchema, type Language } from '../../src/profile/profile.js';
import { mergeProfiles } from '../../src/identity/merge-profiles.js';

describe('link requests', () => {
  test('"koble", "kople" and "link" ask for a code; followed by a code they redeem it, however it is typed', () => {
    expect(parseLinkRequest('koble')).toEqual({ word: 'koble', code: undefined });
    expect(parseLinkRequest(' Kople! ')).toEqual({ word: 'kople', code: undefined });
    expect(parseLinkRequest('link abc-def')).toEqual({ word: 'link', code: 'ABCDEF' });
    expect(parseLinkRequest('koble til K7QM 4D')).toEqual({ word: 'koble', code: 'K7QM4D' });
    expect(parseLinkRequest('kan du koble meg til et kurs?')).toBeUndefined();
    expect(parseLinkRequest('linkedin')).toBeUndefined();
  });

  test('codes are six characters with no look-alikes', () => {
    for (let index = 0; index < 200; index++) expect(generateLinkCode()).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  });

  test('a link word is answered with a code or a redemption; any other turn passes to the assistant', async () => {
    const calls: string[] = [];
    const store: LearnerLinkStore = {
      async createCode(input) {
        calls.push(`create ${input.learnerId} ${input.code}`);
      },
      async redeemCode(input) {
        calls.push(`redeem ${input.learnerId} ${input.code}`);
        return input.code === 'GOOD22' ? 'linked' : 'unknown_or_expired';
      },
    };
    const linking = createLearnerLinking({ store, generateCode: () => 'GOOD22' });
    const answer = (learnerId: string, text: string, language: Language = 'nb') =>
      linking.answer?.({
        learnerId,
        conversationId: `conversation-${learnerId}`,
        channel: 'web',
        language,
        text,
        action: undefined,
        profile: emptyProfile(),
        consentGiven: false,
        conversationIsNew: false,
        waiting: undefined,
        state: undefined,
      });
    const created = await answer('teams-learner', 'koble');
    expect(created?.text).toContain('koble GOOD22');
    // The transcript keeps the reply without the code.
    expect(created?.storedText).toBeDefined();
    expect(created?.storedText).not.toContain('GOOD22');
    expect((await answer('web-learner', 'koble good22'))?.text).toMatch(/^Ferdig!/);
    expect((await answer('slack-learner', 'link NOPE99', 'en'))?.text).toMatch(/expired/);
    expect((await answer('nn-learner', 'kople NOPE99', 'en'))?.text).toMatch(/^Den koden kjenner eg ikkje/);
    expect(await answer('web-learner', 'Jeg er lærer')).toBeNull();
    expect(calls).toEqual([
      'create teams-learner GOOD22',
      'redeem web-learner GOOD22',
      'redeem slack-learner NOPE99',
      'redeem nn-learner NOPE99',
    ]);
  });
});

test('merged profiles keep what the primary says, fill gaps from the other and join lists', () => {
  const primary = profileSchema.parse({ occupation: { text: 'sykepleier' }, topics: ['ledelse'], places: ['Bergen'] });
  const secondary = profileSchema.parse({
    occupation: { text: 'lærer' },
    topics: ['ledelse', 'økonomi'],
    time: { hoursPerWeek: 5 },
  });
  const merged = mergeProfiles({ primary, secondary });
  expect(merged.occupation).toEqual({ text: 'sykepleier' });
  expect(merged.topics).toEqual(['ledelse', 'økonomi']);
  expect(merged.places).toEqual(['Bergen']);
  expect(merged.time).toEqual({ hoursPerWeek: 5 });
});
