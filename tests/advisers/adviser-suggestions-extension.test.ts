import { describe, expect, it } from 'vitest';
import { promptsDirectory } from '../../adapters/assistant/create-assistant.js';
import {
  createAdviserSuggestionsExtension,
  type AdviserChange,
} from '../../src/advisers/adviser-suggestions-extension.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import type { ExtensionContext } from '../../src/dialogue/extensions.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';

/** The extension's wording and suggestions from given changes, in each language, without a database. */

const offering = (id: string, title: string): CatalogueOffering =>
  ({
    id,
    title,
    description: '',
    url: `https://example.no/${id}`,
    languages: ['nb'],
    mode: 'online',
    schedule: 'part_time',
    cities: [],
    municipalities: [],
    counties: [],
    workloadHours: null,
    hoursPerWeek: 5,
    durationWeeks: 10,
    startDates: [],
    priceNok: null,
    isFree: true,
    credits: null,
    level: 'short_course',
    eqfLevel: null,
    type: 'course',
    subjects: [],
    skills: [],
    occupations: [],
    industries: [],
    status: 'active',
    updatedAt: new Date(),
    sources: [],
    provider: { id: 'p', name: 'Nettskolen', kind: 'online_platform', accreditedBy: null },
  }) as unknown as CatalogueOffering;

const context = (language: 'nb' | 'nn' | 'en'): ExtensionContext => ({
  learnerId: 'l1',
  conversationId: 'c1',
  channel: 'teams',
  language,
  text: 'hei',
  action: undefined,
  profile: emptyProfile(),
  consentGiven: false,
  conversationIsNew: true,
  waiting: undefined,
  state: undefined,
});

async function noticesFor(changes: AdviserChange[], language: 'nb' | 'nn' | 'en') {
  const templates = await loadReplyTemplates({ directory: promptsDirectory });
  let handed = false;
  const extension = createAdviserSuggestionsExtension({
    templates,
    source: {
      takeUnseenChanges: async () => {
        if (handed) return [];
        handed = true;
        return changes;
      },
    },
  });
  return { first: await extension.notices!(context(language)), second: await extension.notices!(context(language)) };
}

describe('adviser suggestions extension', () => {
  it('names additions and removals in Nynorsk and offers the additions as suggestions, once', async () => {
    const { first, second } = await noticesFor(
      [
        {
          verdict: 'changed',
          added: [offering('a', 'Demensomsorg'), offering('b', 'Palliasjon')],
          removedTitles: ['Klinisk sykepleie'],
        },
      ],
      'nn',
    );
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toBe(
      'Rettleiaren din har sett på forslaga du fekk, og føreslår også: Demensomsorg og Palliasjon. Rettleiaren din meiner at desse passar dårlegare for deg: Klinisk sykepleie.',
    );
    expect(
      first[0]!.suggestions!.map((suggestion) => [suggestion.offeringId, suggestion.reason, suggestion.provider]),
    ).toEqual([
      ['a', 'Føreslått av rettleiaren din.', 'Nettskolen'],
      ['b', 'Føreslått av rettleiaren din.', 'Nettskolen'],
    ]);
    expect(second).toEqual([]);
  });

  it('says an approval in English, and merges the same offering added twice', async () => {
    expect((await noticesFor([{ verdict: 'approved', added: [], removedTitles: [] }], 'en')).first[0]!.text).toBe(
      'An adviser has looked at the suggestions you got and thinks they fit you well.',
    );
    const twice = await noticesFor(
      [
        { verdict: 'changed', added: [offering('a', 'Excel')], removedTitles: [] },
        { verdict: 'changed', added: [offering('a', 'Excel')], removedTitles: [] },
      ],
      'en',
    );
    expect(twice.first[0]!.suggestions).toHaveLength(1);
  });
});
