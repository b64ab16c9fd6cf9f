import { describe, expect, it } from 'vitest';
import { evidenceFor } from '../../src/dialogue/evidence.js';
import { emptyProfile, type Profile } from '../../src/profile/profile.js';
import type { Recommender, ScoredOffering } from '../../src/retrieval/recommender.js';

/** A found offering with the words and occupation groups retrieval matched for it. */
const found = (
  id: string,
  matchedTerms: string[],
  matchedConcepts: { id: string; label: string; said?: string }[] = [],
): ScoredOffering => ({
  offering: { id } as ScoredOffering['offering'],
  score: 1,
  reasons: { matchedTerms, matchedConcepts, constraintsMet: [], profileFit: [] },
});

/** A catalogue that uses every word except those listed as unknown. */
const catalogueWithout = (unknown: string[]): Recommender => ({
  recommend: async () => [],
  unknownWords: (words) => words.filter((word) => unknown.includes(word)),
});

const ids = (results: ScoredOffering[]) => results.map((result) => result.offering.id);

describe('evidence that a found offering is about what the learner wants', () => {
  it('keeps offerings that matched a subject word and drops neighbours that matched none, or only the role', () => {
    const profile: Profile = { ...emptyProfile(), occupation: { text: 'lagerarbeider' } };
    const evidence = evidenceFor({
      wantedText: 'jeg er lagerarbeider og vil lære logistikk',
      profile,
      recommender: catalogueWithout([]),
    });
    expect(
      ids(
        evidence.fitting([
          found('logistics', ['logistikk']),
          found('vector-only', []),
          found('role-only', ['lagerarbeider']),
        ]),
      ),
    ).toEqual(['logistics']);
    expect(evidence.unknownWords).toEqual([]);
  });

  it('names a word capitalised mid-sentence as written, and a sentence-initial one as the index has it', () => {
    const fitting = evidenceFor({
      wantedText: 'I need to learn Norwegian. Management later',
      profile: emptyProfile(),
      recommender: catalogueWithout([]),
    }).fitting([found('norwegian', ['norwegian']), found('management', ['management'])]);
    expect(fitting.map((result) => result.reasons.matchedTerms)).toEqual([['Norwegian'], ['management']]);
  });

  it('takes no sequence or wanting word as a subject: "first", "better", "trenger" are no evidence', () => {
    const evidence = evidenceFor({
      wantedText: 'I need to learn Norwegian first, then something better paid. Jeg trenger bedre norsk',
      profile: emptyProfile(),
      recommender: catalogueWithout([]),
    });
    expect(
      ids(
        evidence.fitting([
          found('empires', ['first']),
          found('management', ['better']),
          found('norwegian', ['norwegian']),
          found('need', ['trenger']),
        ]),
      ),
    ).toEqual(['norwegian']);
  });

  it('takes an occupation group named in another language as evidence, but not one a compound only hinted at', () => {
    const evidence = evidenceFor({
      wantedText: 'I want to study nursing and become a nurse',
      profile: emptyProfile(),
      recommender: catalogueWithout([]),
    });
    const nursing = { id: 'styrk08:2223', label: 'Sykepleiere', said: 'nurs' };
    const carers = { id: 'styrk08:5321', label: 'Helsefagarbeidere' };
    expect(ids(evidence.fitting([found('sykepleie', [], [nursing]), found('helsefag', [], [carers])]))).toEqual([
      'sykepleie',
    ]);
  });

  it('says which subject words no offering uses, and then takes the role as the nearest evidence', () => {
    const profile: Profile = { ...emptyProfile(), occupation: { text: 'tømrer' } };
    const evidence = evidenceFor({
      wantedText: 'tømrer som vil ta mesterbrev',
      profile,
      recommender: catalogueWithout(['mesterbrev']),
    });
    expect(evidence.unknownWords).toEqual(['mesterbrev']);
    expect(ids(evidence.fitting([found('carpentry', ['tømrer']), found('other', ['kurs'])]))).toEqual(['carpentry']);
  });

  it('names an occupation group only when its whole name was said, and an abbreviation as written', () => {
    const nurse = found('nursing', [], [{ id: 'styrk:2221', label: 'Sykepleiere' }]);
    const laundry = found('laundry', [], [{ id: 'styrk:8157', label: 'Renseri- og vaskerimaskinoperatører' }]);
    const hr = found('hr', ['hr']);
    const fitting = evidenceFor({
      wantedText: 'jeg vil bli sykepleier, eller jobbe med HR',
      profile: emptyProfile(),
      recommender: catalogueWithout([]),
    }).fitting([nurse, laundry, hr]);
    expect(ids(fitting)).toEqual(['nursing', 'hr']);
    expect(fitting[1]!.reasons.matchedTerms).toEqual(['HR']);
  });

  it('takes the catalogue’s spelling of a misspelt word as the same word', () => {
    const evidence = evidenceFor({
      wantedText: 'vil lære programering',
      profile: emptyProfile(),
      recommender: catalogueWithout([]),
    });
    expect(ids(evidence.fitting([found('programming', ['programmering'])]))).toEqual(['programming']);
  });
});
