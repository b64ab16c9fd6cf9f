import type { MemberMessenger } from './member-messenger.js';
import { organisationsExtensionName } from './assign-offering.js';

/**
 * Mandatory courses: an organisation marks offerings as mandatory for a role; each member of the role who
 * is linked to a learner and has no completed assignment for it is reminded by push — at most once per
 * reminder period (the last reminder is stored per member and offering, and the push dedupe key names the
 * period, so two runs at once still send one). Safe to run as often as wanted (a job, a cron, the CLI).
 */

export type MissingMandatoryCourse = {
  memberId: string;
  learnerId: string;
  organisation: string;
  roleTitle: string;
  offering: { id: string; title: string; provider: string; url: string | null };
};

export type MandatoryCourseStore = {
  /** Members missing a mandatory course and not reminded of it since `remindedBefore`. */
  missingMandatoryCourses(options: { remindedBefore: Date }): Promise<MissingMandatoryCourse[]>;
  recordReminder(options: { memberId: string; offeringId: string; at: Date }): Promise<void>;
};

export async function remindMandatoryCourses(options: {
  store: MandatoryCourseStore;
  messenger: MemberMessenger;
  now: Date;
  periodDays: number;
}): Promise<{ reminded: number }> {
  const periodMilliseconds = options.periodDays * 24 * 60 * 60 * 1000;
  const remindedBefore = new Date(options.now.getTime() - periodMilliseconds);
  const period = Math.floor(options.now.getTime() / periodMilliseconds);
  let reminded = 0;
  for (const missing of await options.store.missingMandatoryCourses({ remindedBefore })) {
    await options.messenger.enqueueLearnerMessage({
      learnerId: missing.learnerId,
      kind: 'reminder',
      text: {
        nb: `Påminnelse fra ${missing.organisation}: dette kurset er obligatorisk for ${missing.roleTitle}, og vi har ikke registrert at du har fullført det.`,
        nn: `Påminning frå ${missing.organisation}: dette kurset er obligatorisk for ${missing.roleTitle}, og vi har ikkje registrert at du har fullført det.`,
        en: `A reminder from ${missing.organisation}: this course is mandatory for ${missing.roleTitle}, and we have not recorded that you completed it.`,
      },
      items: [
        {
          offeringId: missing.offering.id,
          title: missing.offering.title,
          provider: missing.offering.provider,
          url: missing.offering.url,
        },
      ],
      buttons: [
        {
          label: { nb: 'Jeg har fullført det', nn: 'Eg har fullført det', en: 'I have completed it' },
          extension: organisationsExtensionName,
          command: 'mandatory_completed',
          data: { memberId: missing.memberId, offeringId: missing.offering.id },
        },
      ],
      dedupeKey: `reminder:${missing.memberId}:${missing.offering.id}:${period}`,
    });
    await options.store.recordReminder({
      memberId: missing.memberId,
      offeringId: missing.offering.id,
      at: options.now,
    });
    reminded += 1;
  }
  return { reminded };
}
