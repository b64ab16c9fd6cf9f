/**
 * What organisations need from push: one message to a learner, delivered once per `dedupeKey` in their own
 * channel. Deliberately a structural subset of src/push's LearnerMessenger, so the push adapter
 * (createLearnerMessenger) plugs in as it is and tests can pass a recording fake.
 */

export type TextInEveryLanguage = { nb: string; nn: string; en: string };

export type MemberMessage = {
  learnerId: string;
  kind: 'assignment' | 'reminder';
  text: TextInEveryLanguage;
  items: { offeringId: string; title: string; provider?: string; url?: string | null }[];
  buttons: { label: TextInEveryLanguage; extension: string; command: string; data?: Record<string, string> }[];
  dedupeKey: string;
};

export type MemberMessenger = {
  enqueueLearnerMessage(message: MemberMessage): Promise<{ created: boolean }>;
};
