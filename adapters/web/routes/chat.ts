import { Router } from 'express';
import { z } from 'zod';
import { turnActionSchema } from '../../../src/dialogue/turn.js';
import { VeilederError } from '../../../src/errors.js';
import { loadWebSessionKey, webSessions, type WebSessions } from '../web-session.js';
import type { RouteModule } from './route-module.js';

/**
 * POST /api/chat — the web chat's (and any script's) way to talk to the assistant:
 * `{ sessionId?, text?, action? }` → `{ sessionId, reply }`. The first call gets a new session id; sending it
 * back continues the conversation, and the same id later is the same learner (a returning learner). The
 * session id is a bearer secret the server issued (web-session.ts); an id it did not issue is refused with
 * 401 `session_unknown`, so a client can never name whose conversation it joins.
 */
const chatRequestSchema = z
  .object({
    sessionId: z
      .string()
      .regex(/^[\w.-]{8,200}$/, 'sessionId must be the id a previous reply gave (8–200 letters, digits, _ . -)')
      .optional(),
    text: z.string().max(4000, 'text is longer than 4,000 characters').optional(),
    action: turnActionSchema.optional(),
  })
  .strict()
  .refine((body) => (body.text !== undefined && body.text.trim() !== '') || body.action !== undefined, {
    message: 'send text, an action, or both',
  });

export const chatRoutes: RouteModule = {
  describe: [
    { path: 'POST /api/chat', summary: 'talk to the assistant: { sessionId?, text?, action? } → { sessionId, reply }' },
  ],
  router(context) {
    const router = Router();
    let sessions: Promise<WebSessions> | undefined;
    router.post('/api/chat', async (request, response) => {
      const body = chatRequestSchema.parse(request.body ?? {});
      if (!context.assistant.handleTurn)
        throw new VeilederError({
          code: 'model_unavailable',
          message: 'POST /api/chat: no assistant is composed into this server',
          userMessage: 'The assistant is not available on this server.',
        });
      sessions ??= loadWebSessionKey({
        pool: context.database.pool,
        configured: context.settings.channels?.web.sessionSecret,
      }).then(webSessions);
      sessions.catch(() => (sessions = undefined));
      const issued = await sessions;
      const sessionId = body.sessionId ?? issued.issue();
      const identity = issued.identityOf(sessionId);
      if (!identity) {
        response.status(401).json({
          error: {
            code: 'session_unknown',
            message:
              'sessionId is not a session this server issued (or it has expired); send the message without it to start a new session',
          },
        });
        return;
      }
      const reply = await context.assistant.handleTurn({
        channel: 'web',
        userId: identity,
        sessionId: identity,
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.action ? { action: body.action } : {}),
        ...(request.get('accept-language') ? { locale: request.get('accept-language')!.split(',')[0]!.trim() } : {}),
      });
      response.json({ sessionId, reply: { ...reply, sessionId } });
    });
    return router;
  },
};
