import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../src/profile/profile.js';
import { createExtractedProfileExtractor } from '../../src/understanding/extracted-profile-update.js';
import { createLocalUnderstander } from '../../src/understanding/local-understanding.js';
import { applyProfileUpdate, emptyProfileUpdate } from '../../src/understanding/profile-update.js';
import { fixtureMistakes } from './score-understanding.js';
import { understandingFixtures } from './understanding-fixtures.js';

const understander = createLocalUnderstander({ extractProfile: createExtractedProfileExtractor({}) });

describe('local understanding (nb, nn, en)', () => {
  it.each(understandingFixtures.map((fixture) => [fixture.message, fixture] as const))(
    'reads %j',
    async (_message, fixture) => {
      const outcome = await understander.understand({
        message: fixture.message,
        language: fixture.language,
        profile: emptyProfile(),
        pendingQuestion: fixture.pendingQuestion ?? null,
        shownCount: fixture.shownCount ?? 0,
      });
      expect(fixtureMistakes({ fixture, understanding: outcome })).toEqual([]);
      expect(outcome.source).toBe('local');
    },
  );
});

describe('profile updates', () => {
  it('applies a place correction: Bergen out, Trondheim in', () => {
    const profile = { ...emptyProfile(), places: ['Bergen'] };
    const next = applyProfileUpdate({
      profile,
      update: { ...emptyProfileUpdate(), removePlaces: ['Bergen'], places: ['Trondheim'] },
    });
    expect(next.places).toEqual(['Trondheim']);
  });

  it('replaces modes ("only online" is not "online too") but grows topics', () => {
    const profile = { ...emptyProfile(), modes: ['campus' as const], topics: ['Excel'] };
    const next = applyProfileUpdate({
      profile,
      update: { ...emptyProfileUpdate(), modes: ['online'], topics: ['excel', 'SQL'] },
    });
    expect(next.modes).toEqual(['online']);
    expect(next.topics).toEqual(['Excel', 'SQL']);
  });

  it('drops a topic the learner says they do not want', () => {
    const next = applyProfileUpdate({
      profile: { ...emptyProfile(), topics: ['økonomi', 'ledelse'] },
      update: { ...emptyProfileUpdate(), avoid: ['Økonomi'] },
    });
    expect(next.topics).toEqual(['ledelse']);
    expect(next.avoid).toEqual(['Økonomi']);
  });
});
