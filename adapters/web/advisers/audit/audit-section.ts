import { Router } from 'express';
import { z } from 'zod';
import { invalidRequest } from '../../../../src/errors.js';
import { html } from '../../html.js';
import { formatDateTime } from '../html.js';
import type { WorkspaceSection } from '../section.js';

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
  router({ useCases }, { adviser: adviserOf, page: sendPage, audit }) {
    const router = Router();
    router.get('/', async (request, response) => {
      const adviser = adviserOf(response);
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
      const { rows, total, choices } = await useCases.searchAuditLog({ filter: { ...filter, page, pageSize } });
      await audit(response, {
        action: 'audit_log.viewed',
        detail: { ...filter, page },
      });
      const option = (value: string, label: string, selected: string | undefined) =>
        html`<option value="${value}"${selected === value ? ' selected' : ''}>${label}</option>`;
      const table =
        rows.length === 0
          ? html`<p>${words.none}</p>`
          : html`<div class="table-scroll"><table><thead><tr><th scope="col">${words.when}</th><th scope="col">${words.actor}</th><th scope="col">${words.action}</th><th scope="col">${words.subject}</th><th scope="col">${words.detail}</th></tr></thead><tbody>${rows.map(
              (row) =>
                html`<tr><td>${formatDateTime(row.at, adviser.language)}</td><td>${row.actorEmail ?? (row.actorId ? row.actorId : words.system)}</td><td><code>${row.action}</code></td><td>${row.subjectType ?? ''} <code>${row.subjectId ?? ''}</code></td><td><code>${Object.keys(row.detail).length ? JSON.stringify(row.detail) : ''}</code></td></tr>`,
            )}</tbody></table></div>`;
      const link = (target: number) => {
        const query = new URLSearchParams(
          Object.entries({ ...filter, page: String(target) }).filter(([, value]) => value !== undefined) as [
            string,
            string,
          ][],
        );
        return `/advisers/audit?${query.toString()}`;
      };
      const pager = html`<nav class="pager" aria-label="${words.title}">${page > 1 ? html`<a href="${link(page - 1)}">${words.previous}</a>` : ''}<span>${words.count(total)}</span>${page * pageSize < total ? html`<a href="${link(page + 1)}">${words.next}</a>` : ''}</nav>`;
      const body = html`<h1>${words.title}</h1><p>${words.intro}</p>
<form class="card filters" method="get" action="/advisers/audit">
  <div><label for="actor">${words.actor}</label><select id="actor" name="actor">${option('', words.anyone, filter.actor ?? '')}${option('system', words.system, filter.actor)}${choices.actors.map((actor) => option(actor.id, actor.email, filter.actor))}</select></div>
  <div><label for="action">${words.action}</label><select id="action" name="action">${option('', words.any, filter.action ?? '')}${choices.actions.map((action) => option(action, action, filter.action))}</select></div>
  <div><label for="subject">${words.subject}</label><input type="search" id="subject" name="subject" value="${filter.subject ?? ''}"></div>
  <div><label for="from">${words.from}</label><input type="date" id="from" name="from" value="${filter.from ?? ''}"></div>
  <div><label for="to">${words.to}</label><input type="date" id="to" name="to" value="${filter.to ?? ''}"></div>
  <div><button type="submit">${words.show}</button></div>
</form>
${table}${pager}`;
      sendPage(response, { title: words.title, body });
    });
    return router;
  },
};
