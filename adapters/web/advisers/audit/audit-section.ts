import { Router } from 'express';
import { z } from 'zod';
import { invalidRequest } from '../../../../src/errors.js';
import { auditFilterChoices, searchAudit } from '../../../storage/audit-log-search.js';
import { recordAudit } from '../../../storage/audit-log-store.js';
import { escapeHtml, formatDateTime } from '../html.js';
import { renderWorkspacePage } from '../layout.js';
import type { WorkspaceAdviser, WorkspaceSection } from '../section.js';

/**
 * The audit log for admins at /advisers/audit: read-only, filtered by who, what, which subject and when, 50
 * rows a page. Reading it is itself audited (it names advisers and learner ids).
 */

const pageSize = 50;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)));
const blank = (schema: z.ZodType) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const filterSchema = z.object({
  actor: blank(z.string().regex(/^[\w-]{1,100}$/)),
  action: blank(z.string().regex(/^[\w.:-]{1,100}$/)),
  subject: blank(
    z
      .string()
      .trim()
      .regex(/^[\w.:@|-]{1,200}$/),
  ),
  from: blank(day),
  to: blank(day),
  page: blank(z.coerce.number().int().min(1).max(10_000)),
});

const texts = {
  nb: {
    title: 'Revisjonslogg',
    intro: 'Hva veiledere, administratorer og systemet har gjort. Bare lesing.',
    actor: 'Hvem',
    anyone: 'Alle',
    system: 'Systemet',
    action: 'Handling',
    any: 'Alle',
    from: 'Fra og med',
    to: 'Til og med',
    show: 'Vis',
    when: 'Når',
    subject: 'Gjelder',
    detail: 'Detaljer',
    none: 'Ingen oppføringer.',
    count: (total: number) => `${total} oppføringer`,
    previous: 'Forrige',
    next: 'Neste',
    invalid: 'Filteret er ikke gyldig: datoer skrives ÅÅÅÅ-MM-DD.',
  },
  en: {
    title: 'Audit log',
    intro: 'What advisers, admins and the system did. Read-only.',
    actor: 'Who',
    anyone: 'Anyone',
    system: 'The system',
    action: 'Action',
    any: 'Any',
    from: 'From',
    to: 'To (inclusive)',
    show: 'Show',
    when: 'When',
    subject: 'Subject',
    detail: 'Details',
    none: 'No entries.',
    count: (total: number) => `${total} entries`,
    previous: 'Previous',
    next: 'Next',
    invalid: 'The filter is not valid: write dates as YYYY-MM-DD.',
  },
};

export const auditSection: WorkspaceSection = {
  path: '/audit',
  label: { nb: 'Revisjonslogg', en: 'Audit log' },
  role: 'admin',
  router({ database }) {
    const router = Router();
    router.get('/', async (request, response) => {
      const adviser = response.locals.adviser as WorkspaceAdviser;
      const words = texts[adviser.language];
      const parsed = filterSchema.safeParse(request.query);
      if (!parsed.success) throw invalidRequest({ message: words.invalid });
      const filter = parsed.data as {
        actor?: string;
        action?: string;
        subject?: string;
        from?: string;
        to?: string;
        page?: number;
      };
      const page = filter.page ?? 1;
      const { rows, total } = await searchAudit(database.pool, {
        actorId: filter.actor,
        action: filter.action,
        subjectId: filter.subject,
        from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
        to: filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) : undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const choices = await auditFilterChoices(database.pool);
      await recordAudit(database.pool, {
        actorId: adviser.id,
        action: 'audit_log.viewed',
        detail: { ...filter, page },
      });
      const option = (value: string, label: string, selected: string | undefined) =>
        `<option value="${escapeHtml(value)}"${selected === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
      const table =
        rows.length === 0
          ? `<p>${escapeHtml(words.none)}</p>`
          : `<div class="table-scroll"><table><thead><tr><th scope="col">${escapeHtml(words.when)}</th><th scope="col">${escapeHtml(words.actor)}</th><th scope="col">${escapeHtml(words.action)}</th><th scope="col">${escapeHtml(words.subject)}</th><th scope="col">${escapeHtml(words.detail)}</th></tr></thead><tbody>${rows
              .map(
                (row) =>
                  `<tr><td>${escapeHtml(formatDateTime(row.at, adviser.language))}</td><td>${escapeHtml(row.actorEmail ?? (row.actorId ? row.actorId : words.system))}</td><td><code>${escapeHtml(row.action)}</code></td><td>${escapeHtml(row.subjectType ?? '')} <code>${escapeHtml(row.subjectId ?? '')}</code></td><td><code>${escapeHtml(Object.keys(row.detail).length ? JSON.stringify(row.detail) : '')}</code></td></tr>`,
              )
              .join('')}</tbody></table></div>`;
      const link = (target: number) => {
        const query = new URLSearchParams(
          Object.entries({ ...filter, page: String(target) }).filter(([, value]) => value !== undefined) as [
            string,
            string,
          ][],
        );
        return `/advisers/audit?${escapeHtml(query.toString())}`;
      };
      const pager = `<nav class="pager" aria-label="${escapeHtml(words.title)}">${page > 1 ? `<a href="${link(page - 1)}">${escapeHtml(words.previous)}</a>` : ''}<span>${escapeHtml(words.count(total))}</span>${page * pageSize < total ? `<a href="${link(page + 1)}">${escapeHtml(words.next)}</a>` : ''}</nav>`;
      const body = `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.intro)}</p>
<form class="card filters" method="get" action="/advisers/audit">
  <div><label for="actor">${escapeHtml(words.actor)}</label><select id="actor" name="actor">${option('', words.anyone, filter.actor ?? '')}${option('system', words.system, filter.actor)}${choices.actors.map((actor) => option(actor.id, actor.email, filter.actor)).join('')}</select></div>
  <div><label for="action">${escapeHtml(words.action)}</label><select id="action" name="action">${option('', words.any, filter.action ?? '')}${choices.actions.map((action) => option(action, action, filter.action)).join('')}</select></div>
  <div><label for="subject">${escapeHtml(words.subject)}</label><input type="search" id="subject" name="subject" value="${escapeHtml(filter.subject ?? '')}"></div>
  <div><label for="from">${escapeHtml(words.from)}</label><input type="date" id="from" name="from" value="${escapeHtml(filter.from ?? '')}"></div>
  <div><label for="to">${escapeHtml(words.to)}</label><input type="date" id="to" name="to" value="${escapeHtml(filter.to ?? '')}"></div>
  <div><button type="submit">${escapeHtml(words.show)}</button></div>
</form>
${table}${pager}`;
      response.type('html').send(
        renderWorkspacePage({
          title: words.title,
          adviser,
          csrfToken: response.locals.csrfToken,
          active: '/audit',
          body,
          nonce: response.locals.cspNonce,
        }),
      );
    });
    return router;
  },
};
