import type { Response, Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { invalidRequest, notFound } from '../../../../src/errors.js';
import type { Organisation } from '../../../../src/organisations/organisation.js';
import { createInstallTicket } from '../../../slack/install-ticket.js';
import {
  linkWorkspace,
  listWorkspaceLinks,
  organisationOfWorkspace,
  unlinkWorkspace,
  type ChannelLink,
} from '../../../storage/organisation-channel-link-store.js';
import type { HttpContext } from '../../routes/route-module.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import type { WorkspaceAdviser, WorkspaceLanguage } from '../section.js';

/**
 * An organisation's Slack workspaces and Microsoft 365 tenants, on its page: each link with the people from
 * there who have talked to Veileder, a button to remove it, "Add to Slack" (an install that links the
 * workspace on its way back) and a form to tie a Microsoft 365 tenant by its id. A workspace tied to another
 * organisation moves only at an admin's hand, so one organisation's HR cannot take another's.
 */

const tenantFormSchema = z.object({
  tenantId: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'The tenant id is a GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47 (Microsoft Entra admin centre → Overview → Tenant ID).',
    ),
  name: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(200).optional()),
});
const removeFormSchema = z.object({
  channel: z.enum(['slack', 'teams']),
  workspaceId: z.string().trim().min(1).max(100),
});

const words = {
  nb: {
    heading: 'Slack og Microsoft 365',
    intro:
      'Arbeidsområder og tenanter koblet til organisasjonen. Folk der får Veileder i sin egen kanal; anbefalte kurs og påminnelser går dit.',
    none: 'Ingen koblet ennå.',
    channel: 'Kanal',
    name: 'Navn',
    id: 'Id',
    people: 'Personer som har brukt Veileder',
    since: 'Koblet',
    remove: 'Fjern koblingen',
    addToSlack: 'Legg til i Slack',
    addToSlackHelp:
      'Installerer Veileder i Slack-arbeidsområdet ditt og kobler det hit. Krever en Slack-administrator.',
    tenant: 'Koble en Microsoft 365-tenant',
    tenantId: 'Tenant-id (GUID)',
    tenantName: 'Navn (valgfritt)',
    link: 'Koble',
    linked: 'Koblingen er lagret.',
    removed:
      'Koblingen er fjernet. Arbeidsområdet har fortsatt Veileder, men er ikke lenger knyttet til organisasjonen.',
    takenElsewhere: 'Denne tenanten er koblet til en annen organisasjon. Be en administrator om å flytte den.',
  },
  en: {
    heading: 'Slack and Microsoft 365',
    intro:
      'Workspaces and tenants linked to the organisation. People there meet Veileder in their own channel; recommended courses and reminders go there.',
    none: 'None linked yet.',
    channel: 'Channel',
    name: 'Name',
    id: 'Id',
    people: 'People who have used Veileder',
    since: 'Linked',
    remove: 'Remove the link',
    addToSlack: 'Add to Slack',
    addToSlackHelp: 'Installs Veileder in your Slack workspace and links it here. Needs a Slack admin.',
    tenant: 'Link a Microsoft 365 tenant',
    tenantId: 'Tenant id (GUID)',
    tenantName: 'Name (optional)',
    link: 'Link',
    linked: 'The link is saved.',
    removed: 'The link is removed. The workspace still has Veileder but is no longer tied to the organisation.',
    takenElsewhere: 'This tenant is linked to another organisation. Ask an admin to move it.',
  },
};

function workspaceTexts(language: WorkspaceLanguage) {
  return words[language === 'en' ? 'en' : 'nb'];
}

export async function workspacesCard(options: {
  context: HttpContext;
  organisation: Organisation;
  adviser: WorkspaceAdviser;
  csrfToken: string;
}): Promise<SafeHtml> {
  const { organisation, adviser, csrfToken } = options;
  const { pool } = options.context.database;
  const text = workspaceTexts(adviser.language);
  const base = `/advisers/organisations/${encodeURIComponent(organisation.id)}/workspaces`;
  const links = await listWorkspaceLinks(pool, { organisationId: organisation.id });
  const row = (link: ChannelLink) =>
    html`<tr><td>${link.channel === 'slack' ? 'Slack' : 'Microsoft Teams'}</td><td>${link.name ?? ''}</td><td><code>${link.workspaceId}</code></td><td>${link.people}</td><td>${formatDateTime(link.createdAt, adviser.language)}</td>
<td><form method="post" action="${base}/remove">${csrfField(csrfToken)}<input type="hidden" name="channel" value="${link.channel}"><input type="hidden" name="workspaceId" value="${link.workspaceId}"><button type="submit" class="secondary" aria-label="${`${text.remove}: ${link.name ?? link.workspaceId}`}">${text.remove}</button></form></td></tr>`;
  const table = links.length
    ? html`<table class="workspace-links"><thead><tr><th scope="col">${text.channel}</th><th scope="col">${text.name}</th><th scope="col">${text.id}</th><th scope="col">${text.people}</th><th scope="col">${text.since}</th><th scope="col" aria-label="${text.remove}"></th></tr></thead><tbody>${links.map(row)}</tbody></table>`
    : html`<p>${text.none}</p>`;
  const slack = options.context.settings.channels?.slack;
  const addToSlack =
    slack?.enabled && slack.mode === 'any-workspace'
      ? html`<p><a class="button add-to-slack" href="/slack/install?organisation=${encodeURIComponent(await createInstallTicket({ pool, origin: { organisationId: organisation.id, adviserId: adviser.id } }))}">${text.addToSlack}</a><br><small>${text.addToSlackHelp}</small></p>`
      : '';
  const tenantForm = html`<form method="post" action="${base}/teams">${csrfField(csrfToken)}<h3>${text.tenant}</h3>
<p><label for="tenant-id">${text.tenantId}</label><br><input id="tenant-id" name="tenantId" required size="40" autocomplete="off"></p>
<p><label for="tenant-name">${text.tenantName}</label><br><input id="tenant-name" name="name"></p><p><button type="submit">${text.link}</button></p></form>`;
  return html`<section class="card" id="workspaces"><h2>${text.heading}</h2><p>${text.intro}</p>${table}${addToSlack}${tenantForm}</section>`;
}

/** POST /:id/workspaces/teams and /:id/workspaces/remove, each audited and answered with the organisation's page. */
export function workspaceRoutes(options: {
  router: Router;
  context: HttpContext;
  load(response: Response, id: string): Promise<Organisation>;
  audit(response: Response, action: string, subjectId: string, detail?: Record<string, unknown>): Promise<unknown>;
  showDetail(response: Response, organisation: Organisation, notice?: string): Promise<void>;
  adviserOf(response: Response): WorkspaceAdviser;
}): void {
  const { router, load, audit, showDetail, adviserOf } = options;
  const { pool } = options.context.database;

  router.post('/:id/workspaces/teams', async (request, response) => {
    const organisation = await load(response, request.params.id!);
    const adviser = adviserOf(response);
    const linked = await tieTenant({ pool, adviser, organisationId: organisation.id, form: request.body ?? {} });
    await audit(response, 'organisation.workspace_linked', organisation.id, linked);
    await showDetail(response, organisation, workspaceTexts(adviser.language).linked);
  });

  router.post('/:id/workspaces/remove', async (request, response) => {
    const organisation = await load(response, request.params.id!);
    const form = await untieWorkspace({ pool, organisationId: organisation.id, form: request.body ?? {} });
    await audit(response, 'organisation.workspace_unlinked', organisation.id, form);
    await showDetail(response, organisation, workspaceTexts(adviserOf(response).language).removed);
  });
}

/** Ties a Microsoft 365 tenant to the organisation; taking it from another organisation needs an admin. Returns what to audit. */
export async function tieTenant(options: {
  pool: Pool;
  adviser: WorkspaceAdviser;
  organisationId: string;
  form: unknown;
}): Promise<Record<string, string>> {
  const parsed = tenantFormSchema.safeParse(options.form);
  if (!parsed.success)
    throw invalidRequest({ message: parsed.error.issues[0]?.message ?? 'The tenant id is not valid.' });
  const { tenantId, name } = parsed.data;
  const current = await organisationOfWorkspace(options.pool, { channel: 'teams', workspaceId: tenantId });
  if (current && current !== options.organisationId && options.adviser.role !== 'admin')
    throw invalidRequest({ message: workspaceTexts(options.adviser.language).takenElsewhere });
  await linkWorkspace(options.pool, {
    channel: 'teams',
    workspaceId: tenantId,
    name: name ?? null,
    organisationId: options.organisationId,
    adviserId: options.adviser.id,
  });
  return {
    channel: 'teams',
    workspaceId: tenantId,
    ...(current && current !== options.organisationId ? { movedFrom: current } : {}),
  };
}

/** Unties a workspace or tenant from the organisation (the installation stays); 404 when it is not tied to it. */
export async function untieWorkspace(options: {
  pool: Pool;
  organisationId: string;
  form: unknown;
}): Promise<z.infer<typeof removeFormSchema>> {
  const form = removeFormSchema.parse(options.form);
  if (!(await unlinkWorkspace(options.pool, { ...form, organisationId: options.organisationId })))
    throw notFound({ what: 'Linked workspace', id: form.workspaceId });
  return form;
}
