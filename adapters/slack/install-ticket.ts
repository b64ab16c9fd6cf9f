import { createHmac, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { generatedKey } from '../storage/generated-key.js';
import type { InstallOrigin } from '../storage/slack-install-state-store.js';

/**
 * The "Add to Slack" link on an organisation's page is /slack/install?organisation=<ticket>: the organisation
 * and the adviser who saw the page, signed (HMAC-SHA-256, a key generated once into the database) and valid
 * for an hour. /slack/install is outside the workspace and its session, so the ticket is what proves that
 * someone allowed to manage the organisation asked for the link; the install itself still needs a Slack admin.
 */
const ticketHours = 1;
const keyName = 'slack-install-ticket-key';
const payloadSchema = z.object({
  organisationId: z.string().min(1),
  adviserId: z.string().min(1).nullable(),
  expires: z.number(),
});

export async function createInstallTicket(options: {
  pool: pg.Pool;
  origin: InstallOrigin;
  now?: Date;
}): Promise<string> {
  const expires = (options.now ?? new Date()).getTime() + ticketHours * 3600_000;
  const payload = Buffer.from(JSON.stringify({ ...options.origin, expires })).toString('base64url');
  return `${payload}.${await signature(options.pool, payload)}`;
}

export async function readInstallTicket(options: {
  pool: pg.Pool;
  ticket: string;
  now?: Date;
}): Promise<InstallOrigin | undefined> {
  const [payload, given] = options.ticket.split('.');
  if (!payload || !given) return undefined;
  const expected = Buffer.from(await signature(options.pool, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  const parsed = payloadSchema.safeParse(safeJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success || parsed.data.expires <= (options.now ?? new Date()).getTime()) return undefined;
  return { organisationId: parsed.data.organisationId, adviserId: parsed.data.adviserId };
}

async function signature(pool: pg.Pool, payload: string): Promise<string> {
  return createHmac('sha256', Buffer.from(await generatedKey(pool, keyName), 'base64url'))
    .update(payload)
    .digest('base64url');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
