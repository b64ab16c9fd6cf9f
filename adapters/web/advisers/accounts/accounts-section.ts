import { Router, type Response } from 'express';
import { z } from 'zod';
import { createAdviserSessionStore } from '../../../storage/adviser-session-store.js';
import { createAdviserStore, type AdviserAccount } from '../../../storage/adviser-store.js';
import { html } from '../../html.js';
import { csrfField, formatDateTime } from '../html.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { WorkspaceSection } from '../section.js';
import { accountTexts } from './account-texts.js';

/**
 * Admins manage adviser accounts at /advisers/accounts: list, add (a one-time password is shown once),
 * switch off / on (switching off ends their sessions; switching on also lifts a lockout), reset a password
 * (ends their sessions), change the role. An admin cannot switch off or demote themselves. All audited.
 */

const addSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(200).optional()),
  role: z.enum(['adviser', 'admin']),
  _csrf: z.string().optional(),
});
const actionSchema = z.object({
  action: z.enum(['disable', 'enable', 'reset_password', 'make_admin', 'make_adviser', 'delete']),
  _csrf: z.string().optional(),
});
const idSchema = z.string().regex(/^[\w-]{1,100}$/);

export const accountsSection: WorkspaceSection = {
  path: '/accounts',
  label: { nb: 'Veiledere', en: 'Advisers' },
  role: 'admin',
  router(context, { adviser: adviserOf, page, audit }) {
    const pool = context.database.pool;
    const advisers = createAdviserStore({ pool });
    const sessions = createAdviserSessionStore({ pool });
    const router = Router();

    const render = async (
      response: Response,
      message?: { kind: 'success' | 'error'; text: string; password?: string },
      status = 200,
    ) => {
      const adviser = adviserOf(response);
      const texts = accountTexts(adviser.language);
      const now = new Date();
      const rows = (await advisers.list()).map((account: AdviserAccount) => {
        const locked = account.lockedUntil && account.lockedUntil > now;
        const state = account.disabledAt
          ? texts.disabled
          : locked
            ? texts.lockedUntil(formatDateTime(account.lockedUntil!, adviser.language))
            : texts.active;
        const self = account.id === adviser.id;
        const button = (action: string, label: string, kind = 'secondary') =>
          html`<form method="post" action="/advisers/accounts/${encodeURIComponent(account.id)}">${csrfField(response.locals.csrfToken)}<input type="hidden" name="action" value="${action}"><button type="submit" class="${kind}" aria-label="${`${label}: ${account.email}`}">${label}</button></form>`;
        const actions = [
          account.disabledAt || locked
            ? button('enable', texts.enable)
            : self
              ? ''
              : button('disable', texts.disable, 'danger'),
          button('reset_password', texts.resetPassword),
          // A provider account stays one: it is tied to its provider (invited on the provider page).
          self || account.role === 'provider'
            ? ''
            : account.role === 'admin'
              ? button('make_adviser', texts.makeAdviser)
              : button('make_admin', texts.makeAdmin),
          // Deleting takes two steps: open the details, then confirm.
          self
            ? ''
            : html`<details><summary>${texts.delete}…</summary><p>${texts.deleteExplained}</p>${button('delete', texts.deleteConfirm, 'danger')}</details>`,
        ];
        return html`<tr><td>${account.email}${self ? html` <span class="badge">${texts.you}</span>` : ''}</td><td>${account.name ?? ''}</td><td>${texts.roles[account.role]}</td><td>${state}</td><td><div class="actions">${actions}</div></td></tr>`;
      });
      const notice = message
        ? html`<div class="message ${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}"><p>${message.text}</p>${message.password ? html`<p>${texts.oneTimePassword} <code>${message.password}</code></p>` : ''}</div>`
        : '';
      const body = html`<h1>${texts.title}</h1>${notice}
<div class="table-scroll"><table><thead><tr><th scope="col">${texts.email}</th><th scope="col">${texts.name}</th><th scope="col">${texts.role}</th><th scope="col">${texts.state}</th><th scope="col">${texts.actions}</th></tr></thead><tbody>${rows}</tbody></table></div>
<form class="card" method="post" action="/advisers/accounts"><h2>${texts.addTitle}</h2>${csrfField(response.locals.csrfToken)}
<label for="new-email">${texts.email}</label><input id="new-email" name="email" type="email" required>
<label for="new-name">${texts.name}</label><input id="new-name" name="name" type="text">
<label for="new-role">${texts.role}</label><select id="new-role" name="role"><option value="adviser">${texts.roles.adviser}</option><option value="admin">${texts.roles.admin}</option></select>
<p><button type="submit">${texts.add}</button></p></form>`;
      page(response, { title: texts.title, body, status });
    };

    router.get('/', async (_request, response) => {
      await audit(response, { action: 'advisers.listed' });
      await render(response);
    });

    router.post('/', async (request, response) => {
      const texts = accountTexts(adviserOf(response).language);
      const form = addSchema.parse(request.body ?? {});
      const password = generatePassword();
      const created = await advisers.create({
        email: form.email,
        name: form.name ?? null,
        role: form.role,
        passwordHash: await hashPassword(password),
      });
      if (!created) return render(response, { kind: 'error', text: texts.exists(form.email) }, 409);
      await audit(response, {
        action: 'adviser.created',
        subjectType: 'adviser',
        subjectId: created.id,
        detail: { via: 'workspace', email: created.email, role: created.role },
      });
      await render(response, { kind: 'success', text: texts.created(created.email), password });
    });

    router.post('/:id', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = accountTexts(adviser.language);
      const id = idSchema.parse(request.params.id);
      const { action } = actionSchema.parse(request.body ?? {});
      const account = await advisers.findById(id);
      if (!account) return render(response, { kind: 'error', text: texts.notFound }, 404);
      if (account.id === adviser.id && (action === 'disable' || action === 'make_adviser' || action === 'delete'))
        return render(response, { kind: 'error', text: texts.notYourself }, 400);
      const auditAccount = (name: string, detail: Record<string, unknown> = {}) =>
        audit(response, {
          action: name,
          subjectType: 'adviser',
          subjectId: account.id,
          detail: { email: account.email, ...detail },
        });
      if (action === 'disable') {
        await advisers.setDisabled({ id, disabledAt: new Date() });
        await auditAccount('adviser.disabled');
        return render(response, { kind: 'success', text: texts.disabledDone(account.email) });
      }
      if (action === 'delete') {
        await auditAccount('adviser.deleted');
        await advisers.remove(id);
        return render(response, { kind: 'success', text: texts.deletedDone(account.email) });
      }
      if (action === 'enable') {
        await advisers.setDisabled({ id, disabledAt: null });
        await auditAccount('adviser.unlocked');
        return render(response, { kind: 'success', text: texts.enabledDone(account.email) });
      }
      if (action === 'reset_password') {
        const password = generatePassword();
        await advisers.setPassword({ id, passwordHash: await hashPassword(password) });
        await sessions.removeAllFor(id);
        await auditAccount('adviser.password_reset');
        return render(response, { kind: 'success', text: texts.resetDone(account.email), password });
      }
      if (account.role === 'provider') return render(response, { kind: 'error', text: texts.providerKeepsRole }, 400);
      const role = action === 'make_admin' ? 'admin' : 'adviser';
      await advisers.update({ id, role });
      await auditAccount('adviser.role_changed', { from: account.role, to: role });
      await render(response, { kind: 'success', text: texts.roleDone(account.email, texts.roles[role]) });
    });

    return router;
  },
};
