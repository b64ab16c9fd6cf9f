import { describe, expect, it } from 'vitest';
import { freshDialogueState, readDialogueState } from '../../src/dialogue/dialogue-state.js';
import { chooseNextStep } from '../../src/dialogue/next-step.js';
import { emptyProfile, type Profile } from '../../src/profile/profile.js';

const profile = (overrides: Partial<Profile>): Profile => ({ ...emptyProfile(), ...overrides });

describe('ask or recommend', () => {
  it('asks for the role, then the goal, while it does not know what the learner wants', () => {
    expect(
      chooseNextStep({
        profile: emptyProfile(),
        state: freshDialogueState(),
        hasLearnerWords: false,
        hasSubjectWords: false,
      }),
    ).toEqual({ kind: 'ask', question: 'role' });
    const asked = { ...freshDialogueState(), asked: ['role' as const] };
    expect(
      chooseNextStep({
        profile: profile({ occupation: { text: 'sykepleier' } }),
        state: asked,
        hasLearnerWords: true,
        hasSubjectWords: false,
      }),
    ).toEqual({ kind: 'ask', question: 'goal' });
  });

  it('helps first once it knows what the learner wants, then asks the most useful open question (role → time → constraints)', () => {
    const nurse = profile({ occupation: { text: 'sykepleier' }, topics: ['demens'] });
    expect(
      chooseNextStep({ profile: nurse, state: freshDialogueState(), hasLearnerWords: true, hasSubjectWords: true }),
    ).toEqual({ kind: 'recommend', followUp: 'time' });
    expect(
      chooseNextStep({
        profile: { ...nurse, time: { hoursPerWeek: 5 } },
        state: freshDialogueState(),
        hasLearnerWords: true,
        hasSubjectWords: true,
      }),
    ).toEqual({ kind: 'recommend', followUp: 'constraints' });
    const askedTime = { ...freshDialogueState(), asked: ['time' as const] };
    expect(chooseNextStep({ profile: nurse, state: askedTime, hasLearnerWords: true, hasSubjectWords: true })).toEqual({
      kind: 'recommend',
      followUp: 'constraints',
    });
  });

  it('recommends without a question when everything is known', () => {
    const complete = profile({
      occupation: { text: 'lærer' },
      goals: ['undervise i programmering'],
      time: { partTime: true },
      modes: ['online'],
    });
    expect(
      chooseNextStep({ profile: complete, state: freshDialogueState(), hasLearnerWords: true, hasSubjectWords: true }),
    ).toEqual({ kind: 'recommend' });
  });

  it('never asks a declined question again, and searches with the learner’s words when the goal stays unknown', () => {
    const state = {
      ...freshDialogueState(),
      asked: ['role' as const, 'goal' as const],
      declined: ['role' as const, 'goal' as const],
    };
    expect(chooseNextStep({ profile: emptyProfile(), state, hasLearnerWords: true, hasSubjectWords: false })).toEqual({
      kind: 'recommend',
    });
    expect(chooseNextStep({ profile: emptyProfile(), state, hasLearnerWords: false, hasSubjectWords: false })).toEqual({
      kind: 'ask_topic',
    });
  });

  it('treats a kind of offering or a soft part-time wish as known', () => {
    const folk = profile({
      levels: ['folk_high_school'],
      wishes: { modes: [], places: [], levels: [], partTime: true },
    });
    expect(
      chooseNextStep({ profile: folk, state: freshDialogueState(), hasLearnerWords: true, hasSubjectWords: false }),
    ).toEqual({ kind: 'recommend', followUp: 'role' });
    const after = { ...freshDialogueState(), asked: ['role' as const], declined: ['role' as const] };
    expect(chooseNextStep({ profile: folk, state: after, hasLearnerWords: true, hasSubjectWords: false })).toEqual({
      kind: 'recommend',
    });
  });

  it('reads a damaged stored state as a fresh one', () => {
    expect(readDialogueState({ asked: 'everything', shown: 7 })).toEqual(freshDialogueState());
    expect(readDialogueState(null)).toEqual(freshDialogueState());
  });
});
