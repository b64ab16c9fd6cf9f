import type { LearnerRecords, LearnerSummary } from './learner-records.js';

/** An admin finds a learner by the channel id they gave or by learner id (the privacy page). */
export async function findLearners(options: {
  query: string;
  actorId: string;
  records: LearnerRecords;
}): Promise<LearnerSummary[]> {
  return options.records.find({ query: options.query, actorId: options.actorId });
}
