import { describe, expect, test } from 'vitest';
import {
  generateLinkCode,
  parseLinkRequest,
  withLearnerLinking,
  type LearnerLinkStore,
} from '../../src/identity/link-learners.js';
import { mergeProfiles } from '../../src/identity/merge-profiles.js';
import { profileSchema } from '../../src/profile/profile.js';

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

  test('other turns pass through to the assistant untouched; link turns never reach it', async () => {
    const seen: string[] = [];
    const calls: string[] = [];
    const store: LearnerLinkStore = {
      async createCode(input) {
        calls.push(`create ${input.channel}:${input.userId} ${input.code}`);
      },
      async redeemCode(input) {
        calls.push(`redeem ${input.channel}:${input.userId} ${input.code}`);
        return input.code === 'GOOD22' ? 'linked' : 'unknown_or_expired';
      },
    };
    const handleTurn = withLearnerLinking({
      store,
      generateCode: () => 'GOOD22',
      handleTurn: async (turn) => {
        seen.push(turn.text ?? '');
        return { sessionId: 's', text: 'assistant', language: 'nb', suggestions: [] };
      },
    });
    expect((await handleTurn({ channel: 'teams', userId: 'aad-1', text: 'koble' })).text).toContain('koble GOOD22');
    expect((await handleTurn({ channel: 'web', userId: 'web-1', text: 'koble good22' })).text).toMatch(/^Ferdig!/);
    expect((await handleTurn({ channel: 'slack', userId: 'T:U', text: 'link NOPE99' })).text).toMatch(/expired/);
    expect((await handleTurn({ channel: 'web', userId: 'web-1', text: 'Jeg er lærer' })).text).toBe('assistant');
    expect(calls).toEqual(['create teams:aad-1 GOOD22', 'redeem web:web-1 GOOD22', 'redeem slack:T:U NOPE99']);
    expect(seen).toEqual(['Jeg er lærer']);
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
