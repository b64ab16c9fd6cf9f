import type { CatalogueOffering } from '../catalogue/offering.js';
import type { DialogueExtension, ExtensionContext, ExtensionReply } from '../dialogue/extensions.js';
import { listText, presentOffering, suggestionText } from '../dialogue/present-offering.js';
import type { Suggestion } from '../dialogue/turn.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import { dialogueCues } from '../understanding/dialogue-cues.js';
import type { JobLearningAnswer } from './learning-for-job.js';

/**
 * "Hva bør jeg lære i jobben min?" in the chat: the team plan's evidence rules for the learner's own occupation
 * (learning-for-job.ts) — suggestion cards like the interview's (the channels render them), each with its
 * reason: the skills of the job it teaches, or the route onward it is; then the skills nothing in the catalogue
 * teaches, said plainly. Without a known occupation it asks for one and reads the next message as the answer.
 */

type Occupation = { code: string; label: string };
/** Cards here are not search hits: their reason is the evidence, so the search's reasons stay empty. */
const noReasons = { matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] };
type State = { awaitingRole: boolean };
/** A reply to "Hva jobber du som?" is a job title ("tømrer", "jeg er elektriker"), not a story. */
const maximumRoleAnswerWords = 6;

export function createJobLearningExtension(options: {
  templates: ReplyTemplates;
  /** The STYRK-08 occupation a job title names (the interview's own lookup), if any. */
  findOccupation(text: string): Occupation | undefined;
  learningFor(options: { occupation: Occupation; language: ExtensionContext['language'] }): Promise<JobLearningAnswer>;
  /** Keeps the answer's gaps as demand, counted across learners by county and industry (an empty list clears). */
  recordGaps(options: {
    learnerId: string;
    conversationId: string;
    styrkCode: string;
    places: string[];
    gaps: JobLearningAnswer['gaps'];
  }): Promise<void>;
}): DialogueExtension {
  const { templates } = options;

  const answerFor = async (occupation: Occupation, context: ExtensionContext): Promise<ExtensionReply> => {
    const { language } = context;
    const answer = await options.learningFor({ occupation, language });
    await options.recordGaps({
      learnerId: context.learnerId,
      conversationId: context.conversationId,
      styrkCode: answer.styrkCode,
      places: context.profile.places,
      gaps: answer.gaps,
    });
    const name = answer.occupation ?? occupation.label;
    // One card per offering, its reason the skills it teaches (an offering may teach several) or its route.
    const skillsOf = new Map<string, { offering: CatalogueOffering; skills: string[] }>();
    for (const skill of answer.taught)
      for (const { offering } of skill.offerings) {
        const entry = skillsOf.get(offering.id) ?? { offering, skills: [] };
        entry.skills.push(`«${skill.skill}»`);
        skillsOf.set(offering.id, entry);
      }
    const card = (offering: CatalogueOffering, reason: string): Suggestion =>
      presentOffering({
        scored: { offering, score: 0, reasons: noReasons },
        language,
        templates,
        rating: undefined,
        reason,
      });
    const taught = [...skillsOf.values()].map(({ offering, skills }) =>
      card(
        offering,
        templates.text(language, 'job_learning_reason_skill', { skills: listText(skills, language, templates) }),
      ),
    );
    const routes = answer.routes
      .filter((route) => !skillsOf.has(route.offering.id))
      .map((route) =>
        card(route.offering, templates.text(language, `job_learning_reason_${route.kind}`, { because: route.because })),
      );
    // The same cards as numbered lines, for channels without cards, like ordinary suggestions.
    const numbered = (cards: Suggestion[], first: number) =>
      cards
        .map((suggestion, index) => suggestionText({ suggestion, rank: first + index, language, templates }))
        .join('\n\n');
    const parts: string[] = [];
    if (taught.length > 0)
      parts.push(templates.text(language, 'job_learning_intro', { occupation: name }), numbered(taught, 1));
    else parts.push(templates.text(language, 'job_learning_none', { occupation: name }));
    if (routes.length > 0)
      parts.push(templates.text(language, 'job_learning_routes'), numbered(routes, taught.length + 1));
    if (answer.gapSentence) parts.push(answer.gapSentence);
    return {
      text: parts.join('\n\n'),
      suggestions: [...taught, ...routes],
      state: { awaitingRole: false } satisfies State,
    };
  };

  return {
    name: 'job_learning',
    async answer(context) {
      const state = (context.state ?? { awaitingRole: false }) as State;
      const asked = context.text !== '' && dialogueCues.jobLearning.test(context.text.toLowerCase());
      if (!asked && state.awaitingRole) {
        // The answer to "Hva jobber du som?": a short job title the taxonomy knows; anything else is the interview's.
        const occupation =
          context.text.split(/\s+/).length <= maximumRoleAnswerWords ? options.findOccupation(context.text) : undefined;
        return occupation ? answerFor(occupation, context) : null;
      }
      if (!asked) return null;
      const known = context.profile.occupation;
      if (known?.code) return answerFor({ code: known.code, label: known.label ?? known.text }, context);
      return {
        text: templates.text(context.language, 'job_learning_ask_role'),
        state: { awaitingRole: true } satisfies State,
      };
    },
  };
}
