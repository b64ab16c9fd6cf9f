import { isValidSlackRequest } from '@slack/bolt';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { SlackDeliveryStore } from '../storage/slack-delivery-store.js';

/**
 * Runs before Bolt at /slack/events and lets through each signed Slack request once.
 *
 * - The timestamp must be within five minutes of now in BOTH directions: Bolt refuses only old ones, and a
 *   request signed with a future timestamp could be replayed until that future had passed.
 * - After the signature is checked (never before: an unsigned request must not be able to burn a key), the
 *   request is claimed in PostgreSQL under the Events API's `event_id` — the same in every retry Slack sends
 *   with X-Slack-Retry-Num — or, for commands and button clicks that have none, under its signature, which is
 *   the same only for a byte-identical replay. A second delivery is answered 200 (so Slack stops retrying)
 *   and not handed to Bolt.
 *
 * Keys are kept for an hour: Slack retries an event three times within about five minutes, and a signature
 * is only accepted for five.
 */

const toleranceSeconds = 5 * 60;
const keepKeysMs = 60 * 60_000;
const eventIdSchema = z.object({ event_id: z.string().min(1) });

export function slackDeliveryGuard(options: { signingSecret: string; deliveries: SlackDeliveryStore }): Router {
  const router = Router();
  // The raw bytes are what Slack signed. express.json (server.ts) has already kept them for JSON bodies;
  // any other body is read here, and Bolt reuses `rawBody` instead of reading the spent stream.
  router.post('/slack/events', express.raw({ type: () => true, limit: '4mb' }), async (request, response, next) => {
    const withRaw = request as Request & { rawBody?: Buffer };
    withRaw.rawBody ??= Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const body = withRaw.rawBody.toString('utf8');
    const signature = request.get('x-slack-signature') ?? '';
    const timestamp = Number(request.get('x-slack-request-timestamp'));
    const nowMs = Date.now();
    if (!Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
      response.status(401).end();
      return;
    }
    if (
      !isValidSlackRequest({
        signingSecret: options.signingSecret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      })
    ) {
      response.status(401).end();
      return;
    }
    const first = await options.deliveries.claim({
      key: deliveryKey(request, body, signature),
      now: new Date(nowMs),
      expiresAt: new Date(nowMs + keepKeysMs),
    });
    if (!first) {
      response.status(200).end();
      return;
    }
    next();
  });
  return router;
}

function deliveryKey(request: Request, body: string, signature: string): string {
  if (request.is('application/json')) {
    const event = eventIdSchema.safeParse(safeJson(body));
    if (event.success) return `event:${event.data.event_id}`;
  }
  return `signature:${signature}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
