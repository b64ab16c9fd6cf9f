import type { CatalogueOffering } from '../catalogue/offering.js';
import { listText, presentOffering } from '../dialogue/present-offering.js';
import type { DialogueExtension } from '../dialogue/extensions.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';

/**
 * What an adviser changed reaches the learner on their next turn, in whatever channel: "Your adviser
 * suggests …" with the added offerings as suggestions, the removed ones named, or a short word that an
 * adviser approved the suggestions. Shown once (the source marks the reviews seen as it hands them over),
 * and to learners without consent too — it is about their own conversation. Flags are for advisers only.
 */

export type AdviserChange = { verdict: 'approved' | 'changed'; added: CatalogueOffering[]; removedTitles: string[] };

/** The port to the stored reviews (adapters/storage/adviser-change-store.ts). */
export type AdviserChangeSource = {
  /** The learner's reviews not yet shown — the latest approve/change per suggestion set — now marked seen. */
  takeUnseenChanges(learnerId: string): Promise<AdviserChange[]>;
};

export const adviserSuggestionsExtensionName = 'adviser_suggestions';

const noReasons = { matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] };

export function createAdviserSuggestionsExtension(options: {
  source: AdviserChangeSource;
  templates: ReplyTemplates;
}): DialogueExtension {
  const { source, templates } = options;
  return {
    name: adviserSuggestionsExtensionName,
    async notices(context) {
      if (context.waiting === false) return [];
      const changes = await source.takeUnseenChanges(context.learnerId);
      if (changes.length === 0) return [];
      const { language } = context;
      const added = new Map<string, CatalogueOffering>();
      for (const change of changes) for (const offering of change.added) added.set(offering.id, offering);
      const removed = [...new Set(changes.flatMap((change) => change.removedTitles))];
      const lines: string[] = [];
      if (added.size > 0)
        lines.push(
          templates.text(language, 'adviser_suggests', {
            titles: listText(
              [...added.values()].map((offering) => offering.title),
              language,
              templates,
            ),
          }),
        );
      if (removed.length > 0)
        lines.push(templates.text(language, 'adviser_removed', { titles: listText(removed, language, templates) }));
      if (lines.length === 0) lines.push(templates.text(language, 'adviser_approved'));
      const reason = templates.text(language, 'adviser_reason');
      const suggestions = [...added.values()].map((offering) =>
        presentOffering({
          scored: { offering, score: 0, reasons: noReasons },
          language,
          templates,
          rating: undefined,
          reason,
        }),
      );
      return [{ text: lines.join(' '), suggestions }];
    },
  };
}
