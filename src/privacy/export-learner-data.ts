import type { LearnerDataExport, LearnerRecords } from './learner-records.js';

/** An admin exports everything stored about a learner (GDPR art. 15 and 20); null when there is no such learner. */
export async function exportLearnerData(options: {
  learnerId: string;
  records: LearnerRecords;
}): Promise<LearnerDataExport | null> {
  return options.records.export({ learnerId: options.learnerId });
}
