import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../../../src/errors.js';
import type { WorkspaceSection } from '../section.js';
import { renderQueuePage, renderSetPage } from './queue-pages.js';
import { queueTexts } from './queue-texts.js';

/**
 * The workspace's home: the queue of suggestion sets (GET /advisers), one set with its conversation, profile
 * and reasons (GET /advisers/sets/:turnId, with ?q= to search offerings to add), and the review
 * (POST /advisers/sets/:turnId/review: approve, change — remove and add offerings — or flag with a comment).
 * Reading a set and every verdict are audited; the learner sees a change through adviser-suggestions-extension.
 */

const pageSize = 20;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(text)), 'not a real date');
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

const queueQuerySchema = z.object({
  channel: z.preprocess(blankToUndefined, z.enum(['web', 'teams', 'slack', 'terminal']).optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  topic: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  reviewed: z.preprocess(blankToUndefined, z.enum(['yes', 'no', 'flagged']).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
  lang: z.string().optional(),
});

const turnIdSchema = z.string().regex(/^[\w-]{1,100}$/, 'not a suggestion set id');
const list = z.preprocess(
  (value) => (value === undefined ? [] : [value].flat()),
  z.array(z.string().regex(/^[\w:.-]{1,200}$/, 'not an offering id')).max(50),
);

const reviewSchema = z.object({
  verdict: z.enum(['approved', 'changed', 'flagged']),
  comment: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(2000).optional(),
  ),
  remove: list,
  add: list,
  _csrf: z.string().optional(),
});

export const reviewQueueSection: WorkspaceSection = {
  path: '',
  label: { nb: 'Gjennomgang', en: 'Review queue' },
  role: 'adviser',
  router(context, { adviser: adviserOf, page, audit }) {
    const router = Router();

    router.get('/', async (request, response) => {
      const adviser = adviserOf(response);
      const query = queueQuerySchema.parse(request.query);
      const { rows, total } = await context.useCases.listSuggestionSets({ filters: query, page: query.page, pageSize });
      await audit(response, {
        action: 'review_queue.viewed',
        subjectType: 'turn',
        detail: {
          filters: {
            channel: query.channel,
            from: query.from,
            to: query.to,
            topic: query.topic,
            reviewed: query.reviewed,
          },
          page: query.page,
          shown: rows.map((row) => row.turnId),
        },
      });
      const body = renderQueuePage({ language: adviser.language, query, rows, total, pageSize });
      page(response, { title: queueTexts(adviser.language).queueTitle, body });
    });

    const showSet = async (options: {
      request: import('express').Request;
      response: import('express').Response;
      turnId: string;
      message?: { kind: 'error' | 'success'; text: string };
      status?: number;
    }) => {
      const { request, response } = options;
      const adviser = adviserOf(response);
      const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 200) : '';
      const found = await context.useCases.readSuggestionSet({ turnId: options.turnId, search: q });
      if (!found) throw notFound({ what: 'Suggestion set', id: options.turnId });
      const { set, hits } = found;
      await audit(response, {
        action: 'suggestion_set.viewed',
        subjectType: 'turn',
        subjectId: set.turnId,
        detail: { learnerId: set.learnerId, ...(q ? { search: q } : {}) },
      });
      const body = renderSetPage({
        language: adviser.language,
        set,
        csrfToken: response.locals.csrfToken,
        search: q,
        hits,
        message: options.message,
      });
      page(response, { title: queueTexts(adviser.language).setTitle, body, status: options.status ?? 200 });
    };

    router.get('/sets/:turnId', async (request, response) => {
      const saved = request.query.saved;
      const texts = queueTexts(adviserOf(response).language);
      const message =
        saved === 'approved' || saved === 'changed' || saved === 'flagged'
          ? { kind: 'success' as const, text: texts.saved[saved] }
          : undefined;
      await showSet({
        request,
        response,
        turnId: turnIdSchema.parse(request.params.turnId),
        ...(message ? { message } : {}),
      });
    });

    router.post('/sets/:turnId/review', async (request, response) => {
      const adviser = adviserOf(response);
      const texts = queueTexts(adviser.language);
      const refusals = {
        'unknown-offering': texts.unknownOffering,
        'need-change': texts.needChange,
        'need-comment': texts.needComment,
      };
      const turnId = turnIdSchema.parse(request.params.turnId);
      const form = reviewSchema.parse(request.body ?? {});
      const outcome = await context.useCases.reviewSuggestionSet({
        turnId,
        adviserId: adviser.id,
        verdict: form.verdict,
        comment: form.comment,
        remove: form.remove,
        add: form.add,
        now: new Date(),
      });
      if (outcome.kind === 'not-found') throw notFound({ what: 'Suggestion set', id: turnId });
      if (outcome.kind === 'refused')
        return showSet({
          request,
          response,
          turnId,
          message: { kind: 'error', text: refusals[outcome.reason] },
          status: 400,
        });
      response.redirect(303, `/advisers/sets/${encodeURIComponent(turnId)}?saved=${form.verdict}`);
    });

    return router;
  },
};
