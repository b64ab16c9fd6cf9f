import type { DialogueExtension, ExtensionContext, ExtensionReply } from '../dialogue/extensions.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import { dialogueCues } from '../understanding/dialogue-cues.js';
import type { JobLearningAnswer } from './learning-for-job.js';

/**
 * "Hva bør jeg lære i jobben min?" in the chat: the team plan's evidence rules for the learner's own occupation
 * (learning-for-job.ts) — each skill the job needs with the offerings that teach it, the routes onward, and
 * the skills nothing in the catalogue teaches, said plainly. Without a known occupation it asks for one and
 * reads the next message as the answer.
 */

type Occupation = { code: string; label: string };
type State = { awaitingRole: boolean };
/** A reply to "Hva jobber du som?" is a job title ("tømrer", "jeg er elektriker"), not a story. */
const maximumRoleAnswerWords = 6;

export function createJobLearningExtension(options: {
  templates: ReplyTemplates;
  /** The STYRK-08 occupation a job title names (the interview's own lookup), if any. */
  findOccupation(text: string): Occupation | undefined;
  learningFor(options: { occupation: Occupation; language: ExtensionContext['language'] }): Promise<JobLearningAnswer>;
}): DialogueExtension {
  const { templates } = options;

  const answerFor = async (occupation: Occupation, context: ExtensionContext): Promise<ExtensionReply> => {
    const { language } = context;
    const answer = await options.learningFor({ occupation, language });
    const name = answer.occupation ?? occupation.label;
    const lines: string[] = [];
    if (answer.taught.length > 0) {
      lines.push(templates.text(language, 'job_learning_intro', { occupation: name }));
      for (const skill of answer.taught) {
        for (const { offering } of skill.offerings)
          lines.push(
            `• «${skill.skill}»: ${offering.title} – ${offering.provider.name}${offering.url ? `\n  ${offering.url}` : ''}`,
          );
      }
    } else {
      lines.push(templates.text(language, 'job_learning_none', { occupation: name }));
    }
    if (answer.routes.length > 0) {
      lines.push('', templates.text(language, 'job_learning_routes'));
      for (const { offering } of answer.routes)
        lines.push(`• ${offering.title} – ${offering.provider.name}${offering.url ? `\n  ${offering.url}` : ''}`);
    }
    if (answer.gapSentence) lines.push('', answer.gapSentence);
    return { text: lines.join('\n'), state: { awaitingRole: false } satisfies State };
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
