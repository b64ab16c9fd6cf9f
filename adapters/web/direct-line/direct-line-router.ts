import { randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { DirectLineLimits } from './direct-line-settings.js';
import type { Turn } from '../../../src/dialogue/turn.js';
import { cardSubmitSchema, replyMessage } from '../../channels/adaptive-card.js';
import { channelText, languageFromLocale } from '../../channels/channel-text.js';
import type { TurnHandler } from '../../channels/turn-handler.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { WebChatActivity, WebChatConversations } from '../../../src/web-chat/web-chat-conversations.js';
import { createDirectLineTokens, type DirectLineClaims, type DirectLineTokens } from './direct-line-tokens.js';
import type { WorkInFlight } from '../work-in-flight.js';

/**
 * Bot Framework Direct Line 3.0, the parts clients use (tokens, conversations, activities with watermark,
 * polling), served by Veileder itself: the official Web Chat and botframework-directlinejs connect with
 * `domain: '<veileder>/v3/directline'` and `webSocket: false`, with no Azure service in between.
 */
export type DirectLineRouterOptions = {
  secret: string | undefined;
  limits: DirectLineLimits;
  /** Where conversations and activities are kept, shared by every process. */
  conversations: WebChatConversations;
  /** The key tokens are signed with: from the secret, or generated once and shared by every process. */
  tokenKey: () => Promise<Buffer>;
  /** Per-client budgets, shared by every process where the database is a server. */
  rateLimiter: (options: { name: string; perMinute: number }) => RateLimiter;
  handleTurn: TurnHandler;
  /** Where the answer, sent after the HTTP response, is counted until its reply is stored. */
  inFlight?: WorkInFlight;
  log?: (message: string, error?: unknown) => void;
};

const bot = { id: 'veileder', name: 'Veileder', role: 'bot' };
const base = '/v3/directline';

const startSchema = z
  .object({
    user: z.object({ id: z.string().min(1).max(200).optional() }).optional(),
    locale: z.string().max(20).optional(),
  })
  .default({});
const activitySchema = z.object({
  type: z.string().min(1).max(50),
  text: z.string().max(4000).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(20).optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

type Access =
  | { kind: 'secret' }
  | { kind: 'token'; claims: DirectLineClaims }
  | { kind: 'open' }
  | { kind: 'denied'; status: 401 | 403 };

export function createDirectLineRouter(options: DirectLineRouterOptions): Router {
  const { limits, conversations } = options;
  // Per client IP: starting a conversation makes state and posting stores it, so each has its own budget.
  // Requests made with the secret are the portal's backend speaking for all its users, and are not limited.
  const starts = options.rateLimiter({ name: 'direct-line-starts', perMinute: limits.startsPerMinute });
  const posts = options.rateLimiter({ name: 'direct-line-posts', perMinute: limits.postsPerMinute });
  let tokensReady: Promise<DirectLineTokens> | undefined;
  const router = Router();

  // Web Chat usually runs on another origin (the portal) than Veileder.
  router.use(base, ((request, response, next) => {
    response.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    });
    if (request.method === 'OPTIONS') return void response.status(204).end();
    next();
  }) satisfies RequestHandler);

  /** The token signer, its key read (or made) once per process; a failed read is tried again next time. */
  function loadTokens(): Promise<DirectLineTokens> {
    tokensReady ??= options.tokenKey().then((key) => createDirectLineTokens({ key, secret: options.secret }));
    tokensReady.catch(() => (tokensReady = undefined));
    return tokensReady;
  }

  async function access(request: Request): Promise<Access> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
    if (!bearer) return options.secret ? { kind: 'denied', status: 401 } : { kind: 'open' };
    const tokens = await loadTokens();
    if (tokens.isSecret(bearer)) return { kind: 'secret' };
    const claims = tokens.verify(bearer);
    return claims ? { kind: 'token', claims } : { kind: 'denied', status: 403 };
  }

  const fail = (response: Response, status: number, code: string, message: string) =>
    response.status(status).json({ error: { code, message } });
  const deny = (response: Response, status: 401 | 403) =>
    fail(
      response,
      status,
      status === 401 ? 'MissingToken' : 'BadToken',
      'A valid Direct Line token or secret is required.',
    );

  /** True when the client may go on; otherwise answers 429 with Retry-After. */
  async function withinLimit(limiter: RateLimiter, request: Request, response: Response): Promise<boolean> {
    const taken = await limiter.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (taken.allowed) return true;
    response.set('Retry-After', String(taken.retryAfterSeconds));
    fail(
      response,
      429,
      'TooManyRequests',
      `Too many requests from this address; try again in ${taken.retryAfterSeconds} seconds.`,
    );
    return false;
  }

  /** A new conversation with its token; the user id is taken from the request only when the secret vouches for it. */
  async function start(request: Request, response: Response, status: 200 | 201) {
    const who = await access(request);
    if (who.kind === 'denied') return deny(response, who.status);
    const body = startSchema.safeParse(request.body ?? {});
    if (!body.success)
      return fail(response, 400, 'BadArgument', body.error.issues.map((issue) => issue.message).join('; '));
    let claims: { conversationId: string; userId: string };
    if (who.kind === 'token') {
      await conversations.open(who.claims.conversationId);
      claims = who.claims;
    } else {
      if (who.kind === 'open' && !(await withinLimit(starts, request, response))) return;
      const conversationId = await conversations.create();
      // The portal's own user ids live under `portal:`, apart from every other web identity (web-session.ts).
      const userId =
        who.kind === 'secret' && body.data.user?.id
          ? `portal:${body.data.user.id}`
          : `dl_${randomBytes(9).toString('base64url')}`;
      claims = { conversationId, userId };
      await conversations.append(
        conversationId,
        {
          type: 'message',
          from: bot,
          text: channelText(languageFromLocale(body.data.locale)).welcome,
          locale: body.data.locale,
        },
        { limited: false },
      );
    }
    const issued = (await loadTokens()).issue(claims);
    response
      .status(status)
      .json({ conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn });
  }

  router.post(`${base}/tokens/generate`, (request, response) => start(request, response, 200));
  router.post(`${base}/conversations`, (request, response) => start(request, response, 201));

  router.post(`${base}/tokens/refresh`, async (request, response) => {
    const who = await access(request);
    if (who.kind !== 'token') return deny(response, 403);
    const issued = (await loadTokens()).issue(who.claims);
    response.json({ conversationId: who.claims.conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  /** The conversation the request may touch, or undefined after answering 401/403. */
  async function conversationFor(
    request: Request,
    response: Response,
  ): Promise<{ conversationId: string; userId: string | undefined; viaSecret: boolean } | undefined> {
    const who = await access(request);
    const conversationId = String(request.params.conversationId);
    if (who.kind === 'secret') return { conversationId, userId: undefined, viaSecret: true };
    if (who.kind === 'token' && who.claims.conversationId === conversationId) {
      await conversations.open(conversationId);
      return { conversationId, userId: who.claims.userId, viaSecret: false };
    }
    deny(response, who.kind === 'denied' ? who.status : 403);
    return undefined;
  }

  router.get(`${base}/conversations/:conversationId`, async (request, response) => {
    const target = await conversationFor(request, response);
    if (!target) return;
    response.json({ conversationId: target.conversationId });
  });

  router.get(`${base}/conversations/:conversationId/activities`, async (request, response) => {
    const target = await conversationFor(request, response);
    if (!target) return;
    const watermark = Number.parseInt(String(request.query.watermark ?? '0'), 10);
    const page = await conversations.since(target.conversationId, Number.isFinite(watermark) ? watermark : 0);
    response.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  router.post(`${base}/conversations/:conversationId/activities`, async (request, response) => {
    const target = await conversationFor(request, response);
    if (!target) return;
    if (!target.viaSecret && !(await withinLimit(posts, request, response))) return;
    const parsed = activitySchema.safeParse(request.body);
    if (!parsed.success)
      return fail(
        response,
        400,
        'BadArgument',
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    const activity = parsed.data;
    // Posting with the secret, the portal names its user: in the portal's namespace, like a bound token.
    const userId = target.userId ?? (activity.from?.id ? `portal:${activity.from.id}` : undefined);
    if (!userId) return fail(response, 400, 'BadArgument', 'from.id is required when posting with the secret.');
    const stored: WebChatActivity = {
      ...activity,
      from: { id: userId, role: 'user', ...(activity.from?.name ? { name: activity.from.name } : {}) },
    };
    if (Buffer.byteLength(JSON.stringify(stored)) > limits.maxActivityBytes) {
      return fail(
        response,
        413,
        'MessageSizeTooBig',
        `An activity may be at most ${Math.floor(limits.maxActivityBytes / 1024)} KB.`,
      );
    }
    const appended = await conversations.append(target.conversationId, stored, { limited: true });
    if (appended.kind === 'refused')
      return fail(response, 413, 'ConversationFull', 'This conversation is full; start a new one.');
    response.json({ id: appended.id });
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
    const work = () => answer({ turn, replyToId: appended.id, conversationId: target.conversationId });
    void (options.inFlight ? options.inFlight.run(work) : work());
  });

  async function answer(input: { turn: Turn; replyToId: string; conversationId: string }) {
    // Runs after the HTTP answer: nothing here may throw (a bot activity that cannot be stored is logged).
    const post = async (activity: WebChatActivity) => {
      try {
        const appended = await conversations.append(
          input.conversationId,
          { ...activity, from: bot, replyToId: input.replyToId },
          { limited: false },
        );
        if (appended.kind === 'refused')
          options.log?.(`Direct Line conversation ${input.conversationId} was gone before its reply was stored`);
      } catch (error) {
        options.log?.('Direct Line could not store the bot activity', error);
      }
    };
    await post({ type: 'typing' });
    try {
      const reply = await options.handleTurn(input.turn);
      await post({ type: 'message', locale: reply.language, ...replyMessage(reply) });
    } catch (error) {
      options.log?.('Direct Line turn failed', error);
      await post({ type: 'message', text: channelText(languageFromLocale(input.turn.locale)).failed });
    }
  }

  return router;
}
