import { randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Turn } from '../../../src/dialogue/turn.js';
import { cardSubmitSchema, replyMessage } from '../../channels/adaptive-card.js';
import { channelText, languageFromLocale } from '../../channels/channel-text.js';
import type { TurnHandler } from '../../channels/turn-handler.js';
import { createDirectLineConversations, DirectLineFullError, type DirectLineConversations } from './direct-line-conversations.js';
import { createDirectLineTokens, type DirectLineClaims } from './direct-line-tokens.js';

/**
 * Bot Framework Direct Line 3.0, the parts clients use (tokens, conversations, activities with watermark,
 * polling), served by Veileder itself: the official Web Chat and botframework-directlinejs connect with
 * `domain: '<veileder>/v3/directline'` and `webSocket: false`, with no Azure service in between.
 */
export type DirectLineRouterOptions = {
  secret: string | undefined;
  handleTurn: TurnHandler;
  conversations?: DirectLineConversations;
  log?: (message: string, error?: unknown) => void;
};

const bot = { id: 'veileder', name: 'Veileder', role: 'bot' };
const base = '/v3/directline';

const startSchema = z.object({ user: z.object({ id: z.string().min(1).max(200).optional() }).optional(), locale: z.string().max(20).optional() }).default({});
const activitySchema = z.object({
  type: z.string().min(1).max(50),
  text: z.string().max(4000).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(20).optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

type Access = { kind: 'secret' } | { kind: 'token'; claims: DirectLineClaims } | { kind: 'open' } | { kind: 'denied'; status: 401 | 403 };

export function createDirectLineRouter(options: DirectLineRouterOptions): Router {
  const tokens = createDirectLineTokens({ secret: options.secret });
  const conversations = options.conversations ?? createDirectLineConversations();
  const router = Router();

  // Web Chat usually runs on another origin (the portal) than Veileder.
  router.use(base, ((request, response, next) => {
    response.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' });
    if (request.method === 'OPTIONS') return void response.status(204).end();
    next();
  }) satisfies RequestHandler);

  function access(request: Request): Access {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
    if (!bearer) return options.secret ? { kind: 'denied', status: 401 } : { kind: 'open' };
    if (tokens.isSecret(bearer)) return { kind: 'secret' };
    const claims = tokens.verify(bearer);
    return claims ? { kind: 'token', claims } : { kind: 'denied', status: 403 };
  }

  const deny = (response: Response, status: 401 | 403 | 404) =>
    response.status(status).json({ error: { code: status === 404 ? 'NotFound' : status === 401 ? 'MissingToken' : 'BadToken', message: status === 404 ? 'No such conversation.' : 'A valid Direct Line token or secret is required.' } });

  /** A new conversation with its token; the user id is taken from the request only when the secret vouches for it. */
  function start(request: Request, response: Response, status: 200 | 201) {
    const who = access(request);
    if (who.kind === 'denied') return deny(response, who.status);
    const body = startSchema.safeParse(request.body ?? {});
    if (!body.success) return response.status(400).json({ error: { code: 'BadArgument', message: body.error.issues.map((issue) => issue.message).join('; ') } });
    let claims: { conversationId: string; userId: string };
    if (who.kind === 'token') {
      conversations.open(who.claims.conversationId);
      claims = who.claims;
    } else {
      let conversationId: string;
      try {
        conversationId = conversations.create();
      } catch (error) {
        if (!(error instanceof DirectLineFullError)) throw error;
        options.log?.('Direct Line refused a conversation', error);
        return response.status(503).set('Retry-After', '60').json({ error: { code: 'ServiceUnavailable', message: 'Too many open conversations; try again shortly.' } });
      }
      // The portal's own user ids live under `portal:`, apart from every other web identity (web-session.ts).
      const userId = who.kind === 'secret' && body.data.user?.id ? `portal:${body.data.user.id}` : `dl_${randomBytes(9).toString('base64url')}`;
      claims = { conversationId, userId };
      conversations.append(conversationId, { type: 'message', from: bot, text: channelText(languageFromLocale(body.data.locale)).welcome, locale: body.data.locale });
    }
    const issued = tokens.issue(claims);
    response.status(status).json({ conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn });
  }

  router.post(`${base}/tokens/generate`, (request, response) => start(request, response, 200));
  router.post(`${base}/conversations`, (request, response) => start(request, response, 201));

  router.post(`${base}/tokens/refresh`, (request, response) => {
    const who = access(request);
    if (who.kind !== 'token') return deny(response, 403);
    const issued = tokens.issue(who.claims);
    response.json({ conversationId: who.claims.conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  /** The conversation the request may touch, or undefined after answering 401/403. */
  function conversationFor(request: Request, response: Response): { conversationId: string; userId: string | undefined } | undefined {
    const who = access(request);
    const conversationId = String(request.params['conversationId']);
    if (who.kind === 'secret') return { conversationId, userId: undefined };
    if (who.kind === 'token' && who.claims.conversationId === conversationId) {
      conversations.open(conversationId);
      return { conversationId, userId: who.claims.userId };
    }
    deny(response, who.kind === 'denied' ? who.status : 403);
    return undefined;
  }

  router.get(`${base}/conversations/:conversationId`, (request, response) => {
    const target = conversationFor(request, response);
    if (!target) return;
    response.json({ conversationId: target.conversationId });
  });

  router.get(`${base}/conversations/:conversationId/activities`, (request, response) => {
    const target = conversationFor(request, response);
    if (!target) return;
    const watermark = Number.parseInt(String(request.query['watermark'] ?? '0'), 10);
    const page = conversations.since(target.conversationId, Number.isFinite(watermark) ? watermark : 0);
    response.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  router.post(`${base}/conversations/:conversationId/activities`, (request, response) => {
    const target = conversationFor(request, response);
    if (!target) return;
    const parsed = activitySchema.safeParse(request.body);
    if (!parsed.success) return response.status(400).json({ error: { code: 'BadArgument', message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') } });
    const activity = parsed.data;
    // Posting with the secret, the portal names its user: in the portal's namespace, like a bound token.
    const userId = target.userId ?? (activity.from?.id ? `portal:${activity.from.id}` : undefined);
    if (!userId) return response.status(400).json({ error: { code: 'BadArgument', message: 'from.id is required when posting with the secret.' } });
    const from = { id: userId, role: 'user', ...(activity.from?.name ? { name: activity.from.name } : {}) };
    let id: string;
    try {
      id = conversations.append(target.conversationId, { ...activity, from });
    } catch (error) {
      if (!(error instanceof DirectLineFullError)) throw error;
      return response.status(413).json({ error: { code: 'ConversationFull', message: 'This conversation is full; start a new one.' } });
    }
    response.json({ id });
    if (activity.type !== 'message') return;
    const submitted = cardSubmitSchema.safeParse(activity.value);
    const text = activity.text?.trim();
    if (!submitted.success && !text) return;
    const turn: Turn = {
      channel: 'web',
      userId,
      sessionId: target.conversationId,
      ...(submitted.success ? { action: submitted.data.veileder } : { text: text! }),
      ...(activity.locale ? { locale: activity.locale } : {}),
    };
    void answer({ turn, replyToId: id, conversationId: target.conversationId });
  });

  async function answer(input: { turn: Turn; replyToId: string; conversationId: string }) {
    // Runs after the HTTP answer: nothing here may throw (a full conversation just drops the bot's activity).
    const post = (activity: Record<string, unknown> & { type: string }) => {
      try {
        conversations.append(input.conversationId, { ...activity, from: bot, replyToId: input.replyToId });
      } catch (error) {
        options.log?.('Direct Line could not store the bot activity', error);
      }
    };
    post({ type: 'typing' });
    try {
      const reply = await options.handleTurn(input.turn);
      post({ type: 'message', locale: reply.language, ...replyMessage(reply) });
    } catch (error) {
      options.log?.('Direct Line turn failed', error);
      post({ type: 'message', text: channelText(languageFromLocale(input.turn.locale)).failed });
    }
  }

  return router;
}
