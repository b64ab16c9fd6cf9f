import type { LearnerRecords } from './learner-records.js';

/** An admin erases a learner and every row of theirs (GDPR art. 17); false when there was no such learner. */
export async function deleteLearner(options: {
  learnerId: string;
  actorId: string;
  records: LearnerRecords;
}): Promise<boolean> {
  return options.records.delete({ learnerId: options.learnerId, actorId: options.actorId });
}
