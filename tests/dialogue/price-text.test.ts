import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { suggestionFacts } from '../../adapters/channels/reply-parts.js';
import { checkGrounding } from '../../src/dialogue/ground-reply.js';
import { presentOffering, priceText, suggestionText } from '../../src/dialogue/present-offering.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

const templates = await loadReplyTemplates({
  directory: path.join(path.dirname(fileURLToPath(import.meta.url)), '../../prompts'),
});

// Issue 16: "HTML5 and CSS Fundamentals" was shown as plain "gratis" though its certificate costs 2,139 kr.
describe('the price a learner reads', () => {
  it('says free to follow and names the certificate fee, in every language', () => {
    const html = { isFree: true, priceNok: null, certificatePriceNok: 2139 };
    expect(priceText({ ...html, language: 'nb', templates }).replace(/\s/g, ' ')).toBe(
      'gratis å følge, kursbevis 2 139 kr',
    );
    expect(priceText({ ...html, language: 'nn', templates }).replace(/\s/g, ' ')).toBe(
      'gratis å følgje, kursbevis 2 139 kr',
    );
    expect(priceText({ ...html, language: 'en', templates })).toBe('free to follow, certificate NOK 2,139');
  });

  it('keeps plain "free" for what is free altogether, and adds a fee to a paid course', () => {
    expect(priceText({ isFree: true, priceNok: null, certificatePriceNok: null, language: 'nb', templates })).toBe(
      'gratis',
    );
    expect(priceText({ isFree: false, priceNok: 4990, certificatePriceNok: 800, language: 'en', templates })).toBe(
      'NOK 4,990, certificate NOK 800',
    );
    expect(priceText({ isFree: null, priceNok: null, certificatePriceNok: null, language: 'en', templates })).toBe(
      'price not given',
    );
  });

  it('shows both facts on the suggestion every channel draws, and lets a model name the fee', () => {
    const offering = catalogueOffering({
      title: 'HTML5 and CSS Fundamentals',
      mode: 'online',
      isFree: true,
      certificatePriceNok: 2139,
    });
    const suggestion = presentOffering({
      scored: {
        offering,
        score: 1,
        reasons: { matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] },
      },
      language: 'nb',
      templates,
      rating: undefined,
    });
    expect(suggestion).toMatchObject({ isFree: true, priceNok: null, certificatePriceNok: 2139 });
    expect(suggestionText({ suggestion, rank: 1, language: 'nb', templates }).replace(/\s/g, ' ')).toContain(
      'gratis å følge, kursbevis 2 139 kr',
    );
    // The facts line Slack's blocks and Teams' cards draw under the title.
    expect(suggestionFacts(suggestion, 'nb').replace(/\s/g, ' ')).toContain('gratis å følge, kursbevis 2 139 kr');
    const grounding = checkGrounding({
      text: 'Kurset er gratis å følge, men kursbeviset koster 2139 kr.',
      offerings: [offering],
      allGiven: [offering],
      knownProviders: [],
      profile: emptyProfile(),
    });
    expect(grounding).toEqual({ grounded: true });
  });
});
