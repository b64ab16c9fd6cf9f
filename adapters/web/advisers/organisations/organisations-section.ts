import { Router, type Response } from 'express';
import { z } from 'zod';
import { invalidRequest, notFound } from '../../../../src/errors.js';
import { assignOffering, changeAssignmentStatus } from '../../../../src/organisations/assign-offering.js';
import { checkOrganisationCodes } from '../../../../src/organisations/check-organisation-codes.js';
import {
  assignmentStatuses,
  memberInputSchema,
  organisationInputSchema,
  type Organisation,
} from '../../../../src/organisations/organisation.js';
import {
  createAssignmentStore,
  listAssignments,
  listMandatoryCourses,
  setMandatoryCourse,
} from '../../../storage/assignment-store.js';
import { createMemberInvite } from '../../../storage/organisation-invite-store.js';
import {
  addMember,
  createOrganisation,
  existingConceptCodes,
  listOrganisations,
} from '../../../storage/organisation-store.js';
import { html, joinHtml, type SafeHtml } from '../../html.js';
import { csrfField } from '../html.js';
import type { WorkspaceSection } from '../section.js';
import { organisationFor } from './organisation-access.js';
import { teamPlanFor, type OrganisationServices } from './organisation-services.js';
import { organisationTexts, type OrganisationTexts } from './organisation-texts.js';
import { renderTeamPlanBody } from './team-plan-page.js';
import { workspaceRoutes, workspacesCard } from './organisation-workspaces.js';

/**
 * The organisations section of the workspace (/advisers/organisations): an HR person registers their
 * organisation with its roles, adds people, sees the team plan (printable, CSV), recommends offerings to a
 * role or a person and follows their status, and marks mandatory courses. Forms post back here; the same
 * schemas as the JSON API parse them.
 */

const optionalNumber = z.preprocess(
  (value) => (value === '' || value === undefined ? undefined : Number(String(value).replace(',', '.'))),
  z.number().optional(),
);
const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

/** "7115; Tømrer; 14" lines → roles; a line that does not fit is a 400 naming it. */
function parseRoleLines(text: string): { styrkCode: string; title: string; headcount: number }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const [code, title, headcount] = line.split(/\s*[;|]\s*/);
      if (!code || !title)
        throw invalidRequest({
          message: `Role line ${index + 1} ("${line}") must read: STYRK code; title; headcount.`,
        });
      return { styrkCode: code, title, headcount: headcount ? Number(headcount) : 1 };
    });
}

const createFormSchema = z.object({
  name: z.string(),
  organisationNumber: z.string(),
  industryCode: optionalText,
  county: optionalText,
  size: optionalNumber,
  learningBudgetNok: optionalNumber,
  hoursPerWeek: optionalNumber,
  roles: z.string().default(''),
});
const memberFormSchema = z.object({ name: z.string(), email: optionalText, role: optionalText });
const assignFormSchema = z.object({
  offeringId: z.string().trim().min(1),
  roleId: optionalText,
  memberId: optionalText,
  note: optionalText,
});
const statusFormSchema = z.object({ status: z.enum(assignmentStatuses) });
const mandatoryFormSchema = z.object({ roleId: z.string().min(1), offeringId: z.string().trim().min(1) });

export function organisationsSection(services: OrganisationServices = {}): WorkspaceSection {
  return {
    path: '/organisations',
    label: { nb: 'Organisasjoner', en: 'Organisations' },
    role: 'adviser',
    router(context, tools) {
      const { pool } = context.database;
      const router = Router();
      const { adviser: adviserOf } = tools;
      const page = (response: Response, title: string, body: SafeHtml) => tools.page(response, { title, body });
      const audit = (response: Response, action: string, subjectId: string, detail: Record<string, unknown> = {}) =>
        tools.audit(response, { action, subjectType: 'organisation', subjectId, detail });
      const taxonomy = {
        existingCodes: (query: { scheme: 'sn2007' | 'styrk08'; codes: string[] }) => existingConceptCodes(pool, query),
      };
      const messenger = services.messenger?.(pool);
      const load = (response: Response, id: string) =>
        organisationFor({ pool, adviser: adviserOf(response), organisationId: id });

      router.get('/', async (_request, response) => {
        const adviser = adviserOf(response);
        const texts = organisationTexts(adviser.language);
        const organisations = await listOrganisations(
          pool,
          adviser.role === 'admin' ? {} : { ownerAdviserId: adviser.id },
        );
        const list = organisations.length
          ? html`<ul>${organisations.map((organisation) => html`<li><a href="/advisers/organisations/${encodeURIComponent(organisation.id)}">${organisation.name}</a> (${organisation.organisationNumber}) — ${organisation.roles} ${texts.roles.toLowerCase()}, ${organisation.members} ${texts.members.toLowerCase()}</li>`)}</ul>`
          : html`<p>${texts.none}</p>`;
        page(
          response,
          texts.section,
          html`<h1>${texts.section}</h1>${list}${createForm(texts, response.locals.csrfToken)}`,
        );
      });

      router.post('/', async (request, response) => {
        const form = createFormSchema.parse(request.body ?? {});
        const input = organisationInputSchema.parse({ ...form, roles: parseRoleLines(form.roles) });
        await checkOrganisationCodes({
          taxonomy,
          industryCode: input.industryCode,
          styrkCodes: input.roles.map((role) => role.styrkCode),
        });
        const organisation = await createOrganisation(pool, { input, owner: { adviserId: adviserOf(response).id } });
        await audit(response, 'organisation.created', organisation.id, { roles: organisation.roles.length });
        response.redirect(303, `/advisers/organisations/${encodeURIComponent(organisation.id)}`);
      });

      const showDetail = async (response: Response, organisation: Organisation, notice?: string) => {
        const texts = organisationTexts(adviserOf(response).language);
        const assignments = await listAssignments(pool, { organisationId: organisation.id });
        const mandatory = await listMandatoryCourses(pool, { organisationId: organisation.id });
        const workspaces = await workspacesCard({
          context,
          organisation,
          adviser: adviserOf(response),
          csrfToken: response.locals.csrfToken,
        });
        page(
          response,
          organisation.name,
          html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${detailBody({ organisation, assignments, mandatory, texts, csrfToken: response.locals.csrfToken })}${workspaces}`,
        );
      };
      workspaceRoutes({ router, context, load, audit, showDetail, adviserOf });

      router.get('/:id', async (request, response) => {
        const organisation = await load(response, request.params.id);
        await audit(response, 'organisation.viewed', organisation.id);
        await showDetail(response, organisation);
      });

      // The code is shown once, in this response (never in a URL or a log).
      router.post('/:id/members/:memberId/invite', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const texts = organisationTexts(adviserOf(response).language);
        const member = organisation.members.find((candidate) => candidate.id === request.params.memberId);
        if (!member) throw notFound({ what: 'Member', id: request.params.memberId });
        const invite = await createMemberInvite(pool, { organisationId: organisation.id, memberId: member.id });
        await audit(response, 'organisation.member_invited', organisation.id, { memberId: member.id });
        await showDetail(response, organisation, texts.inviteCreated(member.name, invite.code));
      });

      router.get('/:id/team-plan', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const texts = organisationTexts(adviserOf(response).language);
        const plan = await teamPlanFor({
          pool,
          organisation,
          search: context.assistant.search,
          settings: {
            ...(context.settings.organisations
              ? { smallBudgetNok: context.settings.organisations.smallBudgetNok }
              : {}),
            ...services.teamPlan,
          },
        });
        page(
          response,
          `${texts.teamPlan}: ${organisation.name}`,
          renderTeamPlanBody({
            plan,
            texts,
            csvUrl: `/advisers/api/organisations/${encodeURIComponent(organisation.id)}/team-plan?format=csv`,
          }),
        );
      });

      router.post('/:id/members', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const member = memberInputSchema.parse(memberFormSchema.parse(request.body ?? {}));
        const created = await addMember(pool, { organisationId: organisation.id, member });
        await audit(response, 'organisation.member_added', organisation.id, { memberId: created.id });
        response.redirect(303, `/advisers/organisations/${encodeURIComponent(organisation.id)}`);
      });

      router.post('/:id/assignments', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const form = assignFormSchema.parse(request.body ?? {});
        const target = form.memberId
          ? { memberIds: [form.memberId] }
          : form.roleId
            ? { roleId: form.roleId }
            : undefined;
        if (!target) throw invalidRequest({ message: 'Choose a role or a person.' });
        const result = await assignOffering({
          store: createAssignmentStore({ pool }),
          messenger,
          organisationId: organisation.id,
          offeringId: form.offeringId,
          target,
          note: form.note,
          adviserId: adviserOf(response).id,
        });
        await audit(response, 'organisation.offering_assigned', organisation.id, {
          offeringId: form.offeringId,
          assignments: result.assignments.length,
        });
        response.redirect(303, `/advisers/organisations/${encodeURIComponent(organisation.id)}`);
      });

      router.post('/:id/assignments/:assignmentId', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const { status } = statusFormSchema.parse(request.body ?? {});
        const store = createAssignmentStore({ pool });
        const assignment = await store.assignment(request.params.assignmentId);
        if (!assignment || assignment.organisationId !== organisation.id)
          throw notFound({ what: 'Assignment', id: request.params.assignmentId });
        const change = await changeAssignmentStatus({ store, assignmentId: assignment.id, status, by: { hr: true } });
        await audit(response, 'organisation.assignment_status', organisation.id, {
          assignmentId: assignment.id,
          ...change,
        });
        response.redirect(303, `/advisers/organisations/${encodeURIComponent(organisation.id)}`);
      });

      router.post('/:id/mandatory-courses', async (request, response) => {
        const organisation = await load(response, request.params.id);
        const form = mandatoryFormSchema.parse(request.body ?? {});
        await setMandatoryCourse(pool, {
          organisationId: organisation.id,
          roleId: form.roleId,
          offeringId: form.offeringId,
          mandatory: true,
        });
        await audit(response, 'organisation.mandatory_added', organisation.id, form);
        response.redirect(303, `/advisers/organisations/${encodeURIComponent(organisation.id)}`);
      });
      return router;
    },
  };
}

function field(options: { name: string; label: string; type?: string; required?: boolean; value?: string }): SafeHtml {
  return html`<p><label for="${options.name}">${options.label}</label><br><input id="${options.name}" name="${options.name}" type="${options.type ?? 'text'}"${options.required ? ' required' : ''}${options.value ? html` value="${options.value}"` : ''}></p>`;
}

function createForm(texts: OrganisationTexts, csrfToken: string): SafeHtml {
  return html`<form class="card" method="post" action="/advisers/organisations"><h2>${texts.create}</h2>${csrfField(csrfToken)}
${field({ name: 'name', label: texts.name, required: true })}${field({ name: 'organisationNumber', label: texts.organisationNumber, required: true })}
${field({ name: 'industryCode', label: texts.industryCode })}${field({ name: 'county', label: texts.county })}
${field({ name: 'size', label: texts.size, type: 'number' })}${field({ name: 'learningBudgetNok', label: texts.budget, type: 'number' })}${field({ name: 'hoursPerWeek', label: texts.hours, type: 'number' })}
<p><label for="roles">${texts.rolesField}</label><br><textarea id="roles" name="roles" rows="4" cols="50"></textarea></p>
<p><button type="submit">${texts.save}</button></p></form>`;
}

function detailBody(options: {
  organisation: Organisation;
  assignments: Awaited<ReturnType<typeof listAssignments>>;
  mandatory: Awaited<ReturnType<typeof listMandatoryCourses>>;
  texts: OrganisationTexts;
  csrfToken: string;
}): SafeHtml {
  const { organisation, texts, csrfToken } = options;
  const base = `/advisers/organisations/${encodeURIComponent(organisation.id)}`;
  const roleName = new Map(organisation.roles.map((role) => [role.id, role.title]));
  const roleOptions = organisation.roles.map((role) => html`<option value="${role.id}">${role.title}</option>`);
  const roles = html`<table><thead><tr><th scope="col">${texts.role}</th><th scope="col">STYRK-08</th><th scope="col">${texts.headcount}</th></tr></thead><tbody>${organisation.roles.map((role) => html`<tr><td>${role.title}</td><td>${role.styrkCode}</td><td>${role.headcount}</td></tr>`)}</tbody></table>`;
  const members = html`<table><thead><tr><th scope="col">${texts.name}</th><th scope="col">${texts.email}</th><th scope="col">${texts.role}</th><th scope="col">${texts.linked}</th></tr></thead><tbody>${organisation.members.map((member) => html`<tr><td>${member.name}</td><td>${member.email ?? ''}</td><td>${member.roleId ? roleName.get(member.roleId) : ''}</td><td>${member.learnerId ? texts.linked : html`${texts.notLinked} <form method="post" action="${base}/members/${encodeURIComponent(member.id)}/invite">${csrfField(csrfToken)}<button type="submit" class="secondary">${texts.invite}</button></form>`}</td></tr>`)}</tbody></table>
<form method="post" action="${base}/members">${csrfField(csrfToken)}<h3>${texts.addMember}</h3>${field({ name: 'name', label: texts.name, required: true })}${field({ name: 'email', label: texts.email, type: 'email' })}<p><label for="member-role">${texts.role}</label><br><select id="member-role" name="role"><option value=""></option>${roleOptions}</select></p><p><button type="submit">${texts.save}</button></p></form>`;
  const statusOptions = (current: string) =>
    assignmentStatuses.map(
      (status) =>
        html`<option value="${status}"${status === current ? ' selected' : ''}>${texts.statuses[status]}</option>`,
    );
  const assignments = html`<table><thead><tr><th scope="col">${texts.name}</th><th scope="col">${texts.role}</th><th scope="col">${texts.offeringId}</th><th scope="col">${texts.delivered}</th><th scope="col">${texts.status}</th></tr></thead><tbody>${options.assignments.map(
    (row) =>
      html`<tr><td>${row.memberName}</td><td>${row.roleTitle ?? ''}</td><td>${row.offeringTitle}</td><td>${row.delivered ? '✓' : row.linked ? '' : texts.notLinked}</td><td><form method="post" action="${base}/assignments/${encodeURIComponent(row.id)}">${csrfField(csrfToken)}<label class="visually-hidden" for="status-${row.id}">${texts.status}</label><select id="status-${row.id}" name="status">${statusOptions(row.status)}</select> <button type="submit" class="secondary">${texts.save}</button></form></td></tr>`,
  )}</tbody></table>
<form method="post" action="${base}/assignments">${csrfField(csrfToken)}<h3>${texts.assign}</h3>${field({ name: 'offeringId', label: texts.offeringId, required: true })}<p><label for="assign-role">${texts.toRole}</label><br><select id="assign-role" name="roleId">${roleOptions}</select></p>${field({ name: 'note', label: texts.note })}<p><button type="submit">${texts.save}</button></p></form>`;
  const mandatory = html`<ul>${options.mandatory.map((row) => html`<li>${row.roleTitle}: ${row.offeringTitle}</li>`)}</ul>
<form method="post" action="${base}/mandatory-courses">${csrfField(csrfToken)}<h3>${texts.markMandatory}</h3><p><label for="mandatory-role">${texts.role}</label><br><select id="mandatory-role" name="roleId">${roleOptions}</select></p>${field({ name: 'offeringId', label: texts.offeringId, required: true })}<p><button type="submit">${texts.save}</button></p></form>`;
  const facts = [
    `${texts.organisationNumber}: ${organisation.organisationNumber}`,
    organisation.industryCode ? `SN2007: ${organisation.industryCode}` : '',
    organisation.county ? `${texts.county}: ${organisation.county}` : '',
    organisation.learningBudgetNok !== null ? `${texts.budget}: ${organisation.learningBudgetNok}` : '',
    organisation.hoursPerWeek !== null ? `${texts.hours}: ${organisation.hoursPerWeek}` : '',
  ].filter(Boolean);
  return html`<h1>${organisation.name}</h1><p>${joinHtml(facts, ' · ')}</p>
<p><a href="${base}/team-plan">${texts.printable}</a> · <a href="/advisers/api/organisations/${encodeURIComponent(organisation.id)}/team-plan?format=csv">${texts.csv}</a></p>
<section class="card"><h2>${texts.roles}</h2>${roles}</section>
<section class="card"><h2>${texts.members}</h2>${members}</section>
<section class="card"><h2>${texts.assignments}</h2>${assignments}</section>
<section class="card"><h2>${texts.mandatory}</h2>${mandatory}</section>`;
}
