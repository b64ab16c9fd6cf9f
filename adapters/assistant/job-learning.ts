import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import { createJobLearningExtension } from '../../src/skill-evidence/job-learning-extension.js';
import { learningForJob } from '../../src/skill-evidence/learning-for-job.js';
import type { OccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import type { Database } from '../storage/database.js';
import { recordConversationGaps } from '../storage/analytics/conversation-skill-gaps.js';
import { teamPlanSources } from '../storage/team-plan-sources.js';
import { promptsDirectory } from './create-assistant.js';

/**
 * "Hva bør jeg lære i jobben min?" on the database: the team plan's sources, the interview's occupation lookup,
 * and the answer's gaps kept as demand.
 */
export async function createJobLearning(services: {
  database: Database;
  recommender: Recommender;
  occupations: OccupationLookup;
  directory?: string;
}): Promise<DialogueExtension> {
  const { pool } = services.database;
  const sources = teamPlanSources({ pool, search: services.recommender });
  return createJobLearningExtension({
    templates: await loadReplyTemplates({ directory: services.directory ?? promptsDirectory }),
    findOccupation: (text) => services.occupations.findOccupation(text),
    learningFor: ({ occupation, language }) =>
      learningForJob({ styrkCode: occupation.code, title: occupation.label, language, sources }),
    recordGaps: (gaps) => recordConversationGaps(pool, gaps),
  });
}
