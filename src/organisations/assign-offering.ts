import { invalidRequest, notFound } from '../errors.js';
import type { MemberMessenger, TextInEveryLanguage } from './member-messenger.js';
import { checkStatusChange } from './assignment-status.js';
import type { AssignmentStatus } from './organisation.js';

/**
 * HR recommends an offering to a role (every member holding it) or to named members. Each member gets one
 * assignment (a second recommendation of the same offering keeps the first and its status); members linked
 * to a learner receive it by push with buttons to answer, members not yet linked see it when they link.
 */

export type AssignmentTarget = { roleId: string } | { memberIds: string[] };

export type AssignmentStore = {
  organisationName(organisationId: string): Promise<string | undefined>;
  membersFor(options: {
    organisationId: string;
    target: AssignmentTarget;
  }): Promise<{ id: string; learnerId: string | null; roleTitle: string | null }[]>;
  offering(
    offeringId: string,
  ): Promise<{ id: string; title: string; provider: string; url: string | null } | undefined>;
  createAssignments(options: {
    organisationId: string;
    offeringId: string;
    roleId: string | null;
    note: string | null;
    adviserId: string | null;
    memberIds: string[];
  }): Promise<{ id: string; memberId: string; created: boolean }[]>;
  markDelivered(assignmentIds: string[]): Promise<void>;
  assignment(
    id: string,
  ): Promise<
    | { id: string; organisationId: string; memberId: string; learnerId: string | null; status: AssignmentStatus }
    | undefined
  >;
  setStatus(options: { id: string; status: AssignmentStatus }): Promise<void>;
};

export const organisationsExtensionName = 'organisations';

export type AssignOfferingResult = {
  assignments: { id: string; memberId: string; created: boolean; delivered: boolean }[];
};

export async function assignOffering(options: {
  store: AssignmentStore;
  /** Absent (push not configured): assignments are stored and shown to HR, not sent. */
  messenger: MemberMessenger | undefined;
  organisationId: string;
  offeringId: string;
  target: AssignmentTarget;
  note?: string | undefined;
  adviserId?: string | null;
}): Promise<AssignOfferingResult> {
  const { store } = options;
  const organisation = await store.organisationName(options.organisationId);
  if (!organisation) throw notFound({ what: 'Organisation', id: options.organisationId });
  const offering = await store.offering(options.offeringId);
  if (!offering) throw notFound({ what: 'Offering', id: options.offeringId });
  const members = await store.membersFor({ organisationId: options.organisationId, target: options.target });
  if (!members.length)
    throw invalidRequest({
      message: 'Nobody to assign to: the role has no members, or the members are not in this organisation.',
    });
  const created = await store.createAssignments({
    organisationId: options.organisationId,
    offeringId: offering.id,
    roleId: 'roleId' in options.target ? options.target.roleId : null,
    note: options.note ?? null,
    adviserId: options.adviserId ?? null,
    memberIds: members.map((member) => member.id),
  });
  const learnerOf = new Map(members.map((member) => [member.id, member.learnerId]));
  const delivered: string[] = [];
  for (const assignment of created) {
    const learnerId = learnerOf.get(assignment.memberId);
    if (!assignment.created || !learnerId || !options.messenger) continue;
    await options.messenger.enqueueLearnerMessage({
      learnerId,
      kind: 'assignment',
      text: assignmentText({ organisation, note: options.note }),
      items: [{ offeringId: offering.id, title: offering.title, provider: offering.provider, url: offering.url }],
      buttons: statusButtons(assignment.id),
      dedupeKey: `assignment:${assignment.id}`,
    });
    delivered.push(assignment.id);
  }
  await store.markDelivered(delivered);
  return {
    assignments: created.map((assignment) => ({ ...assignment, delivered: delivered.includes(assignment.id) })),
  };
}

/** HR sets a status, or the learner answers with a button; only the member's own learner may answer. */
export async function changeAssignmentStatus(options: {
  store: AssignmentStore;
  assignmentId: string;
  status: AssignmentStatus;
  by: { hr: true } | { learnerId: string };
}): Promise<{ from: AssignmentStatus; to: AssignmentStatus }> {
  const assignment = await options.store.assignment(options.assignmentId);
  const learnerId = 'learnerId' in options.by ? options.by.learnerId : undefined;
  const byLearner = learnerId !== undefined;
  if (!assignment || (byLearner && assignment.learnerId !== learnerId))
    throw notFound({ what: 'Assignment', id: options.assignmentId });
  checkStatusChange({ from: assignment.status, to: options.status, by: byLearner ? 'learner' : 'hr' });
  if (assignment.status !== options.status)
    await options.store.setStatus({ id: assignment.id, status: options.status });
  return { from: assignment.status, to: options.status };
}

function assignmentText(options: { organisation: string; note?: string | undefined }): TextInEveryLanguage {
  const note = options.note ? ` «${options.note}»` : '';
  return {
    nb: `${options.organisation} foreslår dette for deg.${note} Svar med knappene når du har bestemt deg, startet eller er ferdig.`,
    nn: `${options.organisation} føreslår dette for deg.${note} Svar med knappane når du har bestemt deg, starta eller er ferdig.`,
    en: `${options.organisation} suggests this for you.${note} Answer with the buttons when you have decided, started or finished.`,
  };
}

export function statusButtons(
  assignmentId: string,
): { label: TextInEveryLanguage; extension: string; command: string; data: Record<string, string> }[] {
  const button = (status: AssignmentStatus, label: TextInEveryLanguage) => ({
    label,
    extension: organisationsExtensionName,
    command: 'assignment_status',
    data: { assignmentId, status },
  });
  return [
    button('accepted', { nb: 'Ja, jeg tar det', nn: 'Ja, eg tek det', en: "Yes, I'll take it" }),
    button('started', { nb: 'Jeg har startet', nn: 'Eg har starta', en: "I've started" }),
    button('completed', { nb: 'Fullført', nn: 'Fullført', en: 'Completed' }),
    button('declined', { nb: 'Nei takk', nn: 'Nei takk', en: 'No thanks' }),
  ];
}
