import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../../../src/errors.js';
import { emptyProfile } from '../../../../src/profile/profile.js';
import {
  activeOfferingIds,
  findOfferingsByTitle,
  getSuggestionSet,
  listSuggestionSets,
  recordReview,
  type ReviewVerdict,
} from '../../../storage/review-queue-store.js';
import type { HttpContext } from '../../routes/route-module.js';
import type { WorkspaceSection } from '../section.js';
import { renderQueuePage, renderSetPage, type SearchHit } from './queue-pages.js';
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

async function searchOfferings(
  context: HttpContext,
  options: { text: string; profile: ReturnType<typeof emptyProfile>; exclude: string[] },
): Promise<SearchHit[]> {
  if (!context.search)
    return findOfferingsByTitle(context.database.pool, { text: options.text, limit: 10, exclude: options.exclude });
  // The learner's own constraints first (what an adviser adds should fit them), then without, if that finds nothing.
  for (const profile of [options.profile, emptyProfile()]) {
    const found = await context.search.recommend({
      profile,
      message: options.text,
      limit: 10,
      excludeOfferingIds: options.exclude,
    });
    if (found.length > 0)
      return found.map((hit) => ({
        id: hit.offering.id,
        title: hit.offering.title,
        provider: hit.offering.provider.name,
      }));
  }
  return [];
}

export const reviewQueueSection: WorkspaceSection = {
  path: '',
  label: { nb: 'Gjennomgang', en: 'Review queue' },
  role: 'adviser',
  router(context, { adviser: adviserOf, page, audit }) {
    const pool = context.database.pool;
    const router = Router();

    router.get('/', async (request, response) => {
      const adviser = adviserOf(response);
      const query = queueQuerySchema.parse(request.query);
      const { rows, total } = await listSuggestionSets(pool, {
        ...query,
        limit: pageSize,
        offset: (query.page - 1) * pageSize,
      });
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
      const set = await getSuggestionSet(pool, options.turnId);
      if (!set) throw notFound({ what: 'Suggestion set', id: options.turnId });
      const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 200) : '';
      const hits = q
        ? await searchOfferings(context, {
            text: q,
            profile: set.profile ?? emptyProfile(),
            exclude: set.offerings.map((offering) => offering.offeringId),
          })
        : undefined;
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
      const turnId = turnIdSchema.parse(request.params.turnId);
      const form = reviewSchema.parse(request.body ?? {});
      const set = await getSuggestionSet(pool, turnId);
      if (!set) throw notFound({ what: 'Suggestion set', id: turnId });
      const inSet = new Set(set.offerings.map((offering) => offering.offeringId));
      const removed = form.verdict === 'changed' ? [...new Set(form.remove)].filter((id) => inSet.has(id)) : [];
      const wanted = form.verdict === 'changed' ? [...new Set(form.add)].filter((id) => !inSet.has(id)) : [];
      const active = await activeOfferingIds(pool, wanted);
      const refuse = (text: string) =>
        showSet({ request, response, turnId, message: { kind: 'error', text }, status: 400 });
      if (wanted.some((id) => !active.has(id))) return refuse(texts.unknownOffering);
      if (form.verdict === 'changed' && removed.length === 0 && wanted.length === 0) return refuse(texts.needChange);
      if (form.verdict === 'flagged' && !form.comment) return refuse(texts.needComment);
      await recordReview(pool, {
        turnId,
        adviserId: adviser.id,
        verdict: form.verdict as ReviewVerdict,
        comment: form.comment ?? null,
        added: wanted,
        removed,
        now: new Date(),
      });
      response.redirect(303, `/advisers/sets/${encodeURIComponent(turnId)}?saved=${form.verdict}`);
    });

    return router;
  },
};
