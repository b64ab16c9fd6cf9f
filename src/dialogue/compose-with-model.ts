import { z } from 'zod';
import type { ChatModel, ModelUsage } from '../model/chat-model.js';
import type { Language, Profile } from '../profile/profile.js';
import type { Prompt } from '../prompts/prompt-library.js';
import type { ScoredOffering } from '../retrieval/recommender.js';
import { checkGrounding } from './ground-reply.js';

/**
 * A model writes the introduction and the one-line reasons; the offerings go to it as data (in the user
 * message, between markers, descriptions cut to the prompt's budget) and every sentence it returns is checked
 * against the records. Which offerings are shown, and every fact on them, never comes from the model.
 */

const composedReplySchema = z.object({
  intro: z.string().max(600).describe('One or two sentences introducing the suggestions, in the requested language'),
  items: z
    .array(
      z.object({
        offeringId: z.string().describe('The id of one given offering'),
        reason: z.string().max(300).describe('Why it fits this learner, one line'),
      }),
    )
    .describe('One entry per given offering, in the given order'),
});

type ComposedReply = {
  intro: string | null;
  /** offeringId → grounded reason; offerings missing here get the template reason. */
  reasons: Map<string, string>;
  /** What was dropped and why, for the stored turn and for tests. */
  dropped: string[];
  usage: ModelUsage;
  failure: string | null;
};

export type ReplyComposer = {
  compose(options: {
    profile: Profile;
    offerings: ScoredOffering[];
    language: Language;
    knownProviders: string[];
  }): Promise<ComposedReply>;
};

export function createModelComposer(options: { model: ChatModel; prompt: Prompt }): ReplyComposer {
  const { model, prompt } = options;
  return {
    async compose({ profile, offerings, language, knownProviders }) {
      const given = offerings.slice(0, prompt.config.budget.maxOfferings ?? 5);
      const descriptionChars = prompt.config.budget.descriptionChars ?? 400;
      const data = given.map(({ offering }) => ({
        offeringId: offering.id,
        title: offering.title,
        provider: offering.provider.name,
        accreditedBy: offering.provider.accreditedBy,
        isFree: offering.isFree,
        priceNok: offering.priceNok,
        certificatePriceNok: offering.certificatePriceNok,
        mode: offering.mode,
        places: offering.cities.length > 0 ? offering.cities : offering.counties,
        credits: offering.credits,
        hoursPerWeek: offering.hoursPerWeek,
        durationWeeks: offering.durationWeeks,
        level: offering.level,
        description: offering.description.slice(0, descriptionChars),
      }));
      const input = [
        `<profile>${JSON.stringify(profile)}</profile>`,
        `<offerings>${JSON.stringify(data)}</offerings>`,
      ].join('\n');
      const outcome = await model.generateStructured({
        instructions: prompt.render({ language, count: given.length }),
        input,
        schema: composedReplySchema,
        schemaName: prompt.config.schemaName,
        settings: prompt.config.model,
      });
      if (outcome.kind !== 'ok') {
        return { intro: null, reasons: new Map(), dropped: [], usage: outcome.usage, failure: outcome.kind };
      }
      const dropped: string[] = [];
      const reasons = new Map<string, string>();
      const allGiven = given.map((scored) => scored.offering);
      for (const item of outcome.value.items) {
        const offering = allGiven.find((candidate) => candidate.id === item.offeringId);
        if (!offering) {
          dropped.push(`item for ${item.offeringId}: not one of the given offerings`);
          continue;
        }
        const check = checkGrounding({ text: item.reason, offerings: [offering], allGiven, knownProviders, profile });
        if (check.grounded) reasons.set(offering.id, item.reason.trim());
        else dropped.push(`reason for ${offering.id}: ${check.problem}`);
      }
      const introCheck = checkGrounding({
        text: outcome.value.intro,
        offerings: allGiven,
        allGiven,
        knownProviders,
        profile,
      });
      if (!introCheck.grounded) dropped.push(`intro: ${introCheck.problem}`);
      return {
        intro: introCheck.grounded ? outcome.value.intro.trim() : null,
        reasons,
        dropped,
        usage: outcome.usage,
        failure: null,
      };
    },
  };
}
