import type { ExportLinks, LearnerDataExport, LearnerRecords } from './learner-records.js';

/**
 * A learner fetches their own data through the link the assistant gave them in chat; the token is the only
 * credential. Null when the link is unknown or expired, or the learner is gone.
 */
export async function exportLearnerDataByLink(options: {
  token: string;
  links: ExportLinks;
  records: LearnerRecords;
}): Promise<LearnerDataExport | null> {
  const learnerId = await options.links.learnerFor(options.token);
  return learnerId ? options.records.export({ learnerId }) : null;
}
