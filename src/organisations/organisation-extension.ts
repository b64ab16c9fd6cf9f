import type { DialogueExtension, ExtensionContext, ExtensionReply } from '../dialogue/extensions.js';
import type { ReplyAction } from '../dialogue/turn.js';
import { isVeilederError } from '../errors.js';
import {
  changeAssignmentStatus,
  organisationsExtensionName,
  statusButtons,
  type AssignmentStore,
} from './assign-offering.js';
import { organisationChatTexts } from './organisation-chat-texts.js';
import {
  assignmentStatuses,
  organisationInputSchema,
  type AssignmentStatus,
  type Organisation,
  type OrganisationInput,
} from './organisation.js';
import {
  isCancel,
  isSetupRequest,
  isSkip,
  isTeamPlanRequest,
  readInviteCode,
  readNameAndNumber,
  readRoleList,
} from './read-setup-answer.js';
import type { TeamPlan } from './team-plan.js';

/**
 * Organisations in the chat (Teams, Slack, web): an HR person says "set up my company" / "registrer
 * bedriften min" and is guided through three short steps — name and organisation number, industry, roles —
 * after which the organisation is registered with them as its owner; "kompetanseplan" / "team plan" then
 * summarises the team plan. Members answer an assignment's buttons (accepted, started, completed, declined)
 * and confirm a mandatory course; a person on the staff list links themselves with HR's code ("bli med ABCD-EFGH"). The unfinished set-up is kept per learner, so it survives a new conversation.
 */

export type SetupStep = 'name' | 'number' | 'industry' | 'roles';
type SetupDraft = { name?: string; organisationNumber?: string; industryCode?: string };

export type OrganisationChatPorts = {
  setups: {
    get(learnerId: string): Promise<{ step: SetupStep; draft: SetupDraft } | undefined>;
    save(options: { learnerId: string; step: SetupStep; draft: SetupDraft }): Promise<void>;
    clear(learnerId: string): Promise<void>;
  };
  organisations: {
    numberTaken(organisationNumber: string): Promise<boolean>;
    create(options: { input: OrganisationInput; ownerLearnerId: string }): Promise<Organisation>;
    ownedBy(learnerId: string): Promise<Organisation | undefined>;
  };
  /** SN2007 codes for a word or a code, best first. */
  findIndustries(text: string): Promise<{ code: string; label: string }[]>;
  /** The STYRK-08 group a job title names, if any. */
  findOccupation(text: string): { code: string; label: string } | undefined;
  assignments: AssignmentStore;
  invites: {
    redeem(options: {
      code: string;
      learnerId: string;
    }): Promise<
      | { kind: 'linked'; memberId: string; organisation: string; role: string | null }
      | { kind: 'already_member'; organisation: string }
      | { kind: 'unknown' }
    >;
    /** Assignments made before the member linked, now marked delivered (they are shown in the reply). */
    pendingAssignments(
      memberId: string,
    ): Promise<{ id: string; title: string; provider: string; url: string | null }[]>;
  };
  recordMandatoryCompleted(options: { memberId: string; offeringId: string; learnerId: string }): Promise<boolean>;
  /** Absent: no search on this server, no plan in chat. */
  teamPlan?: (organisation: Organisation) => Promise<TeamPlan>;
};

const button = (label: string, command: string, data?: Record<string, string>): ReplyAction => ({
  label,
  action: { type: 'extension', extension: organisationsExtensionName, command, ...(data ? { data } : {}) },
});

export function createOrganisationExtension(ports: OrganisationChatPorts): DialogueExtension {
  async function step(
    context: ExtensionContext,
    current: { step: SetupStep; draft: SetupDraft },
  ): Promise<ExtensionReply> {
    const texts = organisationChatTexts[context.language];
    const cancel = button(texts.cancel, 'cancel');
    const save = async (next: SetupStep, draft: SetupDraft, reply: ExtensionReply): Promise<ExtensionReply> => {
      await ports.setups.save({ learnerId: context.learnerId, step: next, draft });
      return reply;
    };
    const { draft } = current;
    const text = context.action?.command === 'industry' ? (context.action.data?.code ?? '') : context.text;

    if (current.step === 'name' || current.step === 'number') {
      const read = readNameAndNumber(text);
      // In the name step new words are the name; in the number step the name is already known.
      const name = current.step === 'number' ? (draft.name ?? read.name) : (read.name ?? draft.name);
      if (read.invalidNumber)
        return save(current.step, { ...draft, name }, { text: texts.badNumber(read.invalidNumber), actions: [cancel] });
      if (!name) return save('name', draft, { text: texts.askNameAndNumber, actions: [cancel] });
      if (!read.number) return save('number', { ...draft, name }, { text: texts.askNumber(name), actions: [cancel] });
      if (await ports.organisations.numberTaken(read.number))
        return save('number', { ...draft, name }, { text: texts.alreadyRegistered(read.number), actions: [cancel] });
      return save(
        'industry',
        { ...draft, name, organisationNumber: read.number },
        { text: texts.askIndustry, actions: [button(texts.skip, 'skip'), cancel] },
      );
    }
    if (current.step === 'industry') {
      if (isSkip(text) || context.action?.command === 'skip')
        return save('roles', draft, { text: texts.askRoles, actions: [cancel] });
      const found = await ports.findIndustries(text);
      if (!found.length)
        return save('industry', draft, {
          text: texts.industryUnknown(text),
          actions: [button(texts.skip, 'skip'), cancel],
        });
      const exact = found.find((industry) => industry.code === text.trim());
      if (exact || found.length === 1 || context.action?.command === 'industry') {
        const chosen = exact ?? found[0]!;
        return save(
          'roles',
          { ...draft, industryCode: chosen.code },
          { text: `${chosen.code} ${chosen.label}. ${texts.askRoles}`, actions: [cancel] },
        );
      }
      return save('industry', draft, {
        text: texts.industryChoices,
        actions: [
          ...found
            .slice(0, 4)
            .map((industry) => button(`${industry.code} ${industry.label}`, 'industry', { code: industry.code })),
          cancel,
        ],
      });
    }
    // Roles: the last step; recognised ones are kept, the rest named.
    const wanted = readRoleList(text);
    const roles: { styrkCode: string; title: string; headcount: number }[] = [];
    const unknown: string[] = [];
    for (const role of wanted) {
      const occupation = ports.findOccupation(role.words);
      if (!occupation) unknown.push(role.words);
      else if (!roles.some((known) => known.title.toLowerCase() === role.words.toLowerCase()))
        roles.push({ styrkCode: occupation.code, title: capitalise(role.words), headcount: role.headcount });
    }
    if (!roles.length) return save('roles', draft, { text: texts.rolesUnknown, actions: [cancel] });
    const input = organisationInputSchema.parse({
      name: draft.name,
      organisationNumber: draft.organisationNumber,
      industryCode: draft.industryCode,
      locale: context.language,
      roles,
    });
    const organisation = await ports.organisations.create({ input, ownerLearnerId: context.learnerId });
    await ports.setups.clear(context.learnerId);
    const lines = [
      texts.done(
        organisation.name,
        organisation.roles.map((role) => `${role.title} (STYRK ${role.styrkCode})`),
      ),
    ];
    if (unknown.length) lines.push(texts.rolesSkipped(unknown));
    return { text: lines.join('\n') };
  }

  async function planReply(context: ExtensionContext): Promise<ExtensionReply> {
    const texts = organisationChatTexts[context.language];
    const organisation = await ports.organisations.ownedBy(context.learnerId);
    if (!organisation || !ports.teamPlan) return { text: texts.noOrganisation };
    const plan = await ports.teamPlan(organisation);
    const lines = [texts.planHeading(plan.organisation.name, plan.coverage.covered, plan.coverage.skills)];
    for (const role of plan.roles) {
      lines.push(`• ${texts.planRole(role.title, role.coverage.covered, role.coverage.skills)}`);
      for (const skill of role.skills.filter((candidate) => candidate.offerings.length).slice(0, 3))
        lines.push(`  – ${skill.label}: ${skill.offerings[0]!.title} (${skill.offerings[0]!.provider})`);
      if (role.gaps.length) lines.push(texts.planGaps(role.gaps.slice(0, 5).map((gap) => gap.label)));
    }
    lines.push(texts.planMore);
    return { text: lines.join('\n') };
  }

  async function joinReply(context: ExtensionContext, code: string): Promise<ExtensionReply> {
    const texts = organisationChatTexts[context.language];
    const result = await ports.invites.redeem({ code, learnerId: context.learnerId });
    if (result.kind === 'unknown') return { text: texts.inviteUnknown };
    if (result.kind === 'already_member') return { text: texts.inviteAlreadyMember(result.organisation) };
    const pending = await ports.invites.pendingAssignments(result.memberId);
    const lines = [texts.joined(result.organisation, result.role)];
    const actions: ReplyAction[] = [];
    for (const assignment of pending) {
      lines.push(`• ${assignment.title} (${assignment.provider})${assignment.url ? ` ${assignment.url}` : ''}`);
      if (pending.length === 1)
        for (const entry of statusButtons(assignment.id))
          actions.push({
            label: entry.label[context.language],
            action: { type: 'extension', extension: entry.extension, command: entry.command, data: entry.data },
          });
    }
    if (pending.length) lines.splice(1, 0, texts.pendingHeading);
    return { text: lines.join('\n'), actions };
  }

  async function buttonReply(context: ExtensionContext): Promise<ExtensionReply | null> {
    const texts = organisationChatTexts[context.language];
    const action = context.action!;
    if (action.command === 'assignment_status') {
      const status = action.data?.status;
      const assignmentId = action.data?.assignmentId;
      if (!assignmentId || !assignmentStatuses.includes(status as AssignmentStatus))
        return { text: texts.unknownAssignment };
      try {
        await changeAssignmentStatus({
          store: ports.assignments,
          assignmentId,
          status: status as AssignmentStatus,
          by: { learnerId: context.learnerId },
        });
        return { text: texts.statusThanks[status as AssignmentStatus] };
      } catch (error) {
        if (isVeilederError(error, 'not_found')) return { text: texts.unknownAssignment };
        if (isVeilederError(error, 'invalid_request')) return { text: texts.statusRefused };
        throw error;
      }
    }
    if (action.command === 'mandatory_completed') {
      const memberId = action.data?.memberId;
      const offeringId = action.data?.offeringId;
      const recorded =
        memberId && offeringId
          ? await ports.recordMandatoryCompleted({ memberId, offeringId, learnerId: context.learnerId })
          : false;
      return { text: recorded ? texts.mandatoryThanks : texts.unknownAssignment };
    }
    return null;
  }

  return {
    name: organisationsExtensionName,
    async answer(context) {
      const texts = organisationChatTexts[context.language];
      // Nothing waiting = no set-up in progress for this learner.
      const current = context.waiting === false ? undefined : await ports.setups.get(context.learnerId);
      if (current && (context.action?.command === 'cancel' || isCancel(context.text))) {
        await ports.setups.clear(context.learnerId);
        return { text: texts.cancelled };
      }
      if (
        context.action &&
        context.action.command !== 'skip' &&
        context.action.command !== 'industry' &&
        context.action.command !== 'cancel'
      )
        return buttonReply(context);
      if (isSetupRequest(context.text)) {
        await ports.setups.save({ learnerId: context.learnerId, step: 'name', draft: {} });
        return { text: texts.askNameAndNumber, actions: [button(texts.cancel, 'cancel')] };
      }
      if (isTeamPlanRequest(context.text)) return planReply(context);
      const code = readInviteCode(context.text);
      if (code) return joinReply(context, code);
      if (current) return step(context, current);
      return null;
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
