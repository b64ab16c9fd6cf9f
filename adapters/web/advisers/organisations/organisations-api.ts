import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { notFound } from '../../../../src/errors.js';
import { assignOffering, changeAssignmentStatus } from '../../../../src/organisations/assign-offering.js';
import { checkOrganisationCodes } from '../../../../src/organisations/check-organisation-codes.js';
import {
  assignmentStatuses,
  countySchema,
  industryCodeSchema,
  memberInputSchema,
  organisationInputSchema,
  roleInputSchema,
} from '../../../../src/organisations/organisation.js';
import { teamPlanCsv } from '../../../../src/organisations/team-plan-csv.js';
import {
  createAssignmentStore,
  listAssignments,
  listMandatoryCourses,
  setMandatoryCourse,
} from '../../../storage/assignment-store.js';
import { createMemberInvite, requireLearner } from '../../../storage/organisation-invite-store.js';
import {
  addMember,
  addRole,
  createOrganisation,
  existingConceptCodes,
  listOrganisations,
  updateOrganisationProfile,
} from '../../../storage/organisation-store.js';
import type { HttpContext } from '../../routes/route-module.js';
import type { SectionTools, WorkspaceSection } from '../section.js';
import { listWorkspaceLinks } from '../../../storage/organisation-channel-link-store.js';
import { organisationFor } from './organisation-access.js';
import { tieTenant, untieWorkspace } from './organisation-workspaces.js';
import { teamPlanFor, type OrganisationServices } from './organisation-services.js';

/**
 * The organisations' JSON API at /advisers/api/organisations (an HR person signed in to the workspace).
 * Bodies are parsed with the one set of schemas in src/organisations; every change and every read of
 * members' data is audited. State-changing requests carry the X-CSRF-Token header like the rest of the workspace.
 */

const profilePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    industryCode: industryCodeSchema,
    county: countySchema,
    size: z.number().int().min(0).max(1_000_000),
    learningBudgetNok: z.number().min(0).max(10_000_000),
    hoursPerWeek: z.number().min(0).max(40),
    locale: z.enum(['nb', 'nn', 'en']),
  })
  .partial()
  .strict();
const assignmentSchema = z.union([
  z
    .object({ offeringId: z.string().min(1), roleId: z.string().min(1), note: z.string().trim().max(500).optional() })
    .strict(),
  z
    .object({
      offeringId: z.string().min(1),
      memberIds: z.array(z.string().min(1)).min(1).max(1_000),
      note: z.string().trim().max(500).optional(),
    })
    .strict(),
]);
const statusSchema = z.object({ status: z.enum(assignmentStatuses) }).strict();
const mandatorySchema = z
  .object({ roleId: z.string().min(1), offeringId: z.string().min(1), mandatory: z.boolean().default(true) })
  .strict();
const memberRequestSchema = memberInputSchema.extend({ learnerId: z.string().trim().min(1).optional() });
const planQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();

export function organisationsApiSection(services: OrganisationServices = {}): WorkspaceSection {
  return {
    path: '/api/organisations',
    label: { nb: 'Organisasjoner (API)', en: 'Organisations (API)' },
    role: 'adviser',
    inNavigation: false,
    router: (context, tools) => organisationsApiRouter({ context, services, tools }),
  };
}

function organisationsApiRouter(options: {
  context: HttpContext;
  services: OrganisationServices;
  tools: SectionTools;
}): Router {
  const { pool } = options.context.database;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  const { adviser: adviserOf } = options.tools;
  const audit = (response: Response, action: string, subjectId: string, detail: Record<string, unknown> = {}) =>
    options.tools.audit(response, { action, subjectType: 'organisation', subjectId, detail });
  const taxonomy = {
    existingCodes: (query: { scheme: 'sn2007' | 'styrk08'; codes: string[] }) => existingConceptCodes(pool, query),
  };
  const messenger = options.services.messenger?.(pool);

  router.get('/', async (_request, response) => {
    const adviser = adviserOf(response);
    response.json({
      organisations: await listOrganisations(pool, adviser.role === 'admin' ? {} : { ownerAdviserId: adviser.id }),
    });
  });

  router.post('/', async (request, response) => {
    const input = organisationInputSchema.parse(request.body);
    await checkOrganisationCodes({
      taxonomy,
      industryCode: input.industryCode,
      styrkCodes: input.roles.map((role) => role.styrkCode),
    });
    const organisation = await createOrganisation(pool, { input, owner: { adviserId: adviserOf(response).id } });
    await audit(response, 'organisation.created', organisation.id, {
      roles: organisation.roles.length,
      members: organisation.members.length,
    });
    response.status(201).json({ organisation });
  });

  router.get('/:id', async (request, response) => {
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    await audit(response, 'organisation.viewed', organisation.id);
    response.json({
      organisation,
      assignments: await listAssignments(pool, { organisationId: organisation.id }),
      mandatoryCourses: await listMandatoryCourses(pool, { organisationId: organisation.id }),
    });
  });

  router.patch('/:id', async (request, response) => {
    const patch = profilePatchSchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    await checkOrganisationCodes({ taxonomy, industryCode: patch.industryCode, styrkCodes: [] });
    const updated = await updateOrganisationProfile(pool, { organisationId: organisation.id, patch });
    await audit(response, 'organisation.updated', organisation.id, { fields: Object.keys(patch) });
    response.json({ organisation: updated });
  });

  router.post('/:id/roles', async (request, response) => {
    const role = roleInputSchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    await checkOrganisationCodes({ taxonomy, styrkCodes: [role.styrkCode] });
    const created = await addRole(pool, { organisationId: organisation.id, role });
    await audit(response, 'organisation.role_added', organisation.id, {
      roleId: created.id,
      styrkCode: created.styrkCode,
    });
    response.status(201).json({ role: created });
  });

  // With a learnerId the member is added unlinked and that learner (only) is invited: they join when they
  // say the code in chat. The code is shown once, in this response, for HR to pass on.
  router.post('/:id/members', async (request, response) => {
    const { learnerId, ...member } = memberRequestSchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    if (learnerId) await requireLearner(pool, learnerId);
    const created = await addMember(pool, { organisationId: organisation.id, member });
    await audit(response, 'organisation.member_added', organisation.id, { memberId: created.id });
    if (!learnerId) {
      response.status(201).json({ member: created });
      return;
    }
    const invite = await createMemberInvite(pool, { organisationId: organisation.id, memberId: created.id, learnerId });
    await audit(response, 'organisation.member_invited', organisation.id, { memberId: created.id, learnerId });
    response.status(201).json({
      member: created,
      invite: {
        learnerId,
        code: invite.code,
        expiresAt: invite.expiresAt.toISOString(),
        say: `bli med ${invite.code}`,
      },
    });
  });

  router.post('/:id/members/:memberId/invite', async (request, response) => {
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const invite = await createMemberInvite(pool, {
      organisationId: organisation.id,
      memberId: request.params.memberId,
    });
    await audit(response, 'organisation.member_invited', organisation.id, { memberId: request.params.memberId });
    response
      .status(201)
      .json({ code: invite.code, expiresAt: invite.expiresAt.toISOString(), say: `bli med ${invite.code}` });
  });

  router.get('/:id/team-plan', async (request, response) => {
    const query = planQuerySchema.parse(request.query);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const plan = await teamPlanFor({
      pool,
      organisation,
      search: options.context.assistant.search,
      settings: {
        ...(options.context.settings.organisations
          ? { smallBudgetNok: options.context.settings.organisations.smallBudgetNok }
          : {}),
        ...options.services.teamPlan,
      },
    });
    if (query.format === 'csv') {
      response
        .type('text/csv; charset=utf-8')
        .attachment(`team-plan-${organisation.organisationNumber}.csv`)
        .send(teamPlanCsv(plan));
      return;
    }
    response.json({ plan });
  });

  router.post('/:id/assignments', async (request, response) => {
    const body = assignmentSchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const target = 'roleId' in body ? { roleId: body.roleId } : { memberIds: body.memberIds };
    const result = await assignOffering({
      store: createAssignmentStore({ pool }),
      messenger,
      organisationId: organisation.id,
      offeringId: body.offeringId,
      target,
      note: body.note,
      adviserId: adviserOf(response).id,
    });
    await audit(response, 'organisation.offering_assigned', organisation.id, {
      offeringId: body.offeringId,
      assignments: result.assignments.length,
    });
    response.status(201).json(result);
  });

  router.patch('/:id/assignments/:assignmentId', async (request, response) => {
    const { status } = statusSchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const store = createAssignmentStore({ pool });
    const assignment = await store.assignment(request.params.assignmentId);
    if (!assignment || assignment.organisationId !== organisation.id)
      throw notFound({ what: 'Assignment', id: request.params.assignmentId });
    const change = await changeAssignmentStatus({ store, assignmentId: assignment.id, status, by: { hr: true } });
    await audit(response, 'organisation.assignment_status', organisation.id, {
      assignmentId: assignment.id,
      ...change,
    });
    response.json({ assignment: { id: assignment.id, status } });
  });

  // The Slack workspaces and Microsoft 365 tenants tied to the organisation (the page's "Slack og Microsoft 365").
  router.get('/:id/workspaces', async (request, response) => {
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    response.json({ workspaces: await listWorkspaceLinks(pool, { organisationId: organisation.id }) });
  });

  router.put('/:id/workspaces/teams/:tenantId', async (request, response) => {
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const linked = await tieTenant({
      pool,
      adviser: adviserOf(response),
      organisationId: organisation.id,
      form: { ...(request.body ?? {}), tenantId: request.params.tenantId },
    });
    await audit(response, 'organisation.workspace_linked', organisation.id, linked);
    response.json({ workspaces: await listWorkspaceLinks(pool, { organisationId: organisation.id }) });
  });

  router.delete('/:id/workspaces/:channel/:workspaceId', async (request, response) => {
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    const form = await untieWorkspace({
      pool,
      organisationId: organisation.id,
      form: { channel: request.params.channel, workspaceId: request.params.workspaceId },
    });
    await audit(response, 'organisation.workspace_unlinked', organisation.id, form);
    response.status(204).end();
  });

  router.put('/:id/mandatory-courses', async (request, response) => {
    const body = mandatorySchema.parse(request.body);
    const organisation = await organisationFor({
      pool,
      adviser: adviserOf(response),
      organisationId: request.params.id,
    });
    await setMandatoryCourse(pool, { organisationId: organisation.id, ...body });
    await audit(
      response,
      body.mandatory ? 'organisation.mandatory_added' : 'organisation.mandatory_removed',
      organisation.id,
      { roleId: body.roleId, offeringId: body.offeringId },
    );
    response.json({ mandatoryCourses: await listMandatoryCourses(pool, { organisationId: organisation.id }) });
  });

  return router;
}
