import type pg from 'pg';
import { languageSchema, type Language } from '../../src/profile/profile.js';
import { defaultQuietHours, isQuietHour, localParts, nextAllowedTime } from '../../src/push/delivery-window.js';
import {
  storedMessagePayloadSchema,
  type LearnerMessageItem,
  type StoredMessagePayload,
} from '../../src/push/learner-message.js';
import { pushTexts } from '../../src/push/push-texts.js';
import { webUrlOrNull } from '../../src/web-url.js';
import type { Logger } from '../logging.js';
import type { ChannelIdentityRow, ConversationRow, PushMessageRow } from '../storage/rows.generated.js';
import { inTransaction } from '../storage/transaction.js';
import { ChannelRefused, type ChannelIdentity, type ChannelSender } from './channel-senders.js';
import { renderMessage } from './render-message.js';
import { readPreferences } from './subscription-store.js';

/**
 * Delivering one outbox row, exactly once across processes. The row is the state machine:
 *
 *   pending ──claim (row lock, lease)──▶ sending ──channel accepted──▶ sent
 *      ▲                                   │  └─unsubscribed meanwhile──▶ cancelled
 *      └──── channel failed (backoff) ─────┘
 *
 * Claiming happens in a transaction holding the row lock, so two processes never both claim it. The crash
 * window is between the channel accepting the message and the `sent` update: a row left `sending` past its
 * lease is claimed again. Then Slack is asked whether the message (tagged with the row id in its metadata)
 * is already there — if so it is only recorded, so Slack is exactly-once. Teams gives a bot no read-back,
 * so a Teams message in that window (milliseconds) is sent again: at-least-once, chosen over at-most-once
 * because a duplicate is visible and harmless while a lost digest is silently lost. The web channel has no
 * window (delivering is the update itself).
 */

export type DeliveryServices = {
  pool: pg.Pool;
  /** Names this process in claimed_by. */
  workerId: string;
  senders: Partial<Record<'teams' | 'slack', ChannelSender>>;
  leaseSeconds: number;
  maxAttempts: number;
  unsubscribeUrl(learnerId: string): Promise<string | undefined>;
  log: Logger;
  now?: () => Date;
};

export type DeliveryOutcome = 'sent' | 'reconciled' | 'postponed' | 'cancelled' | 'skipped' | 'empty' | 'retry';

type Claim = {
  row: PushMessageRow;
  previousState: string;
  channel: 'teams' | 'slack' | 'web';
  identity: ChannelIdentity | undefined;
  payload: StoredMessagePayload;
  language: Language;
};

/** How many matches one digest carries at most; the rest wait for the next period. */
const digestItemLimit = 10;

export async function deliverMessage(services: DeliveryServices, messageId: string): Promise<DeliveryOutcome> {
  const now = services.now?.() ?? new Date();
  const claim = await inTransaction(services.pool, (client) => claimMessage(client, services, messageId, now));
  if (typeof claim === 'string') return claim;
  const { row, channel } = claim;

  if (channel === 'web') return (await markSent(services, row.id, 'web', '')) ? 'sent' : 'cancelled';
  const sender = services.senders[channel]!;
  const identity = claim.identity!;
  try {
    if (claim.previousState === 'sending' && sender.findSent) {
      const already = await sender.findSent({ messageId: row.id, identity });
      if (already) return (await markSent(services, row.id, channel, already)) ? 'reconciled' : 'cancelled';
    }
    // Unsubscribed while this was claimed: not sent.
    if (!(await stillOurs(services, row))) return 'cancelled';
    const unsubscribeUrl = row.kind === 'digest' ? await services.unsubscribeUrl(row.learner_id) : undefined;
    const message = renderMessage({ kind: row.kind, payload: claim.payload, language: claim.language, unsubscribeUrl });
    const { activityId } = await sender.send({ messageId: row.id, identity, message });
    await markSent(services, row.id, channel, activityId);
    return 'sent';
  } catch (error) {
    const reason = (error as Error).message;
    // A channel that refuses for good, or keeps failing: the learner still gets it on the web, at the next visit.
    if (error instanceof ChannelRefused || claim.row.attempts >= services.maxAttempts) {
      services.log.error('Push: channel gave up; the message waits on the web instead', {
        messageId: row.id,
        channel,
        error: reason,
      });
      return (await markSent(services, row.id, 'web', '')) ? 'sent' : 'cancelled';
    }
    const retryAt = new Date(Date.now() + Math.min(3600, 15 * 2 ** claim.row.attempts) * 1000);
    await services.pool.query(
      `UPDATE push_message SET state = 'pending', not_before = $3, last_error = $4, claimed_by = NULL, lease_until = NULL, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND claimed_by = $2 AND state = 'sending'`,
      [row.id, services.workerId, retryAt, reason.slice(0, 500)],
    );
    services.log.error('Push: sending failed; trying again later', {
      messageId: row.id,
      channel,
      error: reason,
      retryAt: retryAt.toISOString(),
    });
    return 'retry';
  }
}

async function claimMessage(
  client: pg.PoolClient,
  services: DeliveryServices,
  messageId: string,
  now: Date,
): Promise<Claim | DeliveryOutcome> {
  const { rows } = await client.query<PushMessageRow>('SELECT * FROM push_message WHERE id = $1 FOR UPDATE', [
    messageId,
  ]);
  const row = rows[0];
  if (!row) return 'skipped';
  const reclaim = row.state === 'sending' && row.lease_until !== null && row.lease_until < now;
  if (!reclaim && !(row.state === 'pending' && row.not_before <= now)) return 'skipped';

  const preferences = await readPreferences(client, row.learner_id);
  if (row.kind === 'digest' && (!preferences || preferences.unsubscribed || preferences.rhythm === 'off')) {
    await client.query(
      `UPDATE push_message SET state = 'cancelled', last_error = 'unsubscribed', updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [row.id],
    );
    return 'cancelled';
  }
  const quiet = preferences?.quiet ?? defaultQuietHours;
  // A reclaimed message may already be out: settle it now rather than at the next allowed hour.
  if (!reclaim && isQuietHour(localParts(now, quiet.timeZone).hour, quiet)) {
    await client.query('UPDATE push_message SET not_before = $2, updated_at = CURRENT_TIMESTAMP WHERE id = $1', [
      row.id,
      nextAllowedTime(now, quiet),
    ]);
    return 'postponed';
  }
  const language = preferences?.language ?? (await latestLanguage(client, row.learner_id));

  let payload = storedMessagePayloadSchema.safeParse(row.payload).success
    ? storedMessagePayloadSchema.parse(row.payload)
    : undefined;
  if (row.kind === 'digest' && row.attempts === 0) {
    // The digest's contents are fixed at its first claim and never change, so a re-send is the same message.
    const items = await attachWaitingMatches(client, row);
    if (items.length === 0) {
      await client.query('DELETE FROM push_message WHERE id = $1', [row.id]);
      return 'empty';
    }
    payload = {
      text: {
        nb: pushTexts.nb.digestLead(items.length),
        nn: pushTexts.nn.digestLead(items.length),
        en: pushTexts.en.digestLead(items.length),
      },
      items,
      buttons: [],
    };
  }
  if (!payload) {
    await client.query(
      `UPDATE push_message SET state = 'failed', last_error = 'unreadable payload', updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [row.id],
    );
    return 'skipped';
  }
  const target = row.channel
    ? await identityFor(client, row.learner_id, row.channel)
    : await chooseChannel(client, row.learner_id, services);
  const channel = target && (target.channel === 'web' || services.senders[target.channel]) ? target.channel : 'web';
  const leaseUntil = new Date(now.getTime() + services.leaseSeconds * 1000);
  await client.query(
    `UPDATE push_message SET state = 'sending', claimed_by = $2, lease_until = $3, attempts = attempts + 1, channel = $4, payload = $5, updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
    [row.id, services.workerId, leaseUntil, channel, JSON.stringify(payload)],
  );
  return {
    row: { ...row, attempts: row.attempts + 1 },
    previousState: row.state,
    channel,
    identity: target?.identity,
    payload,
    language,
  };
}

type Target = { channel: 'teams' | 'slack' | 'web'; identity: ChannelIdentity | undefined };

/** The channel the learner used last among those we can write to first; the web when there is none. */
async function chooseChannel(client: pg.PoolClient, learnerId: string, services: DeliveryServices): Promise<Target> {
  const { rows } = await client.query<Pick<ChannelIdentityRow, 'channel' | 'external_id' | 'conversation_reference'>>(
    `SELECT ci.channel, ci.external_id, ci.conversation_reference FROM channel_identity ci
      WHERE ci.learner_id = $1 AND ci.channel IN ('teams', 'slack')
      ORDER BY (SELECT max(c.last_turn_at) FROM conversation c WHERE c.learner_id = ci.learner_id AND c.channel = ci.channel) DESC NULLS LAST, ci.created_at DESC`,
    [learnerId],
  );
  for (const row of rows) {
    if (row.channel === 'teams' && services.senders.teams && row.conversation_reference)
      return { channel: 'teams', identity: { externalId: row.external_id, reference: row.conversation_reference } };
    if (row.channel === 'slack' && services.senders.slack) {
      const identity = { externalId: row.external_id, reference: row.conversation_reference };
      // A workspace that uninstalled Veileder is passed over: the next channel, or the web.
      if (await (services.senders.slack.reachable?.(identity) ?? true)) return { channel: 'slack', identity };
    }
  }
  return { channel: 'web', identity: undefined };
}

async function identityFor(client: pg.PoolClient, learnerId: string, channel: string): Promise<Target | undefined> {
  if (channel === 'web') return { channel: 'web', identity: undefined };
  const { rows } = await client.query<Pick<ChannelIdentityRow, 'external_id' | 'conversation_reference'>>(
    'SELECT external_id, conversation_reference FROM channel_identity WHERE learner_id = $1 AND channel = $2 ORDER BY created_at DESC LIMIT 1',
    [learnerId, channel],
  );
  return rows[0]
    ? {
        channel: channel as Target['channel'],
        identity: { externalId: rows[0].external_id, reference: rows[0].conversation_reference },
      }
    : undefined;
}

async function attachWaitingMatches(client: pg.PoolClient, row: PushMessageRow): Promise<LearnerMessageItem[]> {
  const { rows } = await client.query<{
    offering_id: string;
    score: number;
    reasons: { text?: { nb: string; nn: string; en: string } };
    title: string;
    url: string | null;
    provider: string;
    status: string;
  }>(
    `WITH attached AS (
       UPDATE push_match SET message_id = $1
        WHERE (learner_id, offering_id) IN (SELECT learner_id, offering_id FROM push_match WHERE learner_id = $2 AND message_id IS NULL ORDER BY score DESC, offering_id LIMIT $3)
       RETURNING offering_id, score, reasons)
     SELECT a.offering_id, a.score, a.reasons, o.title, o.url, p.name AS provider, o.status
       FROM attached a JOIN offering o ON o.id = a.offering_id JOIN provider p ON p.id = o.provider_id
      ORDER BY a.score DESC, a.offering_id`,
    [row.id, row.learner_id, digestItemLimit],
  );
  return rows
    .filter((match) => match.status === 'active')
    .map((match) => ({
      offeringId: match.offering_id,
      title: match.title,
      provider: match.provider,
      url: webUrlOrNull(match.url),
      ...(match.reasons.text ? { reason: match.reasons.text } : {}),
    }));
}

async function latestLanguage(client: pg.PoolClient, learnerId: string): Promise<Language> {
  const { rows } = await client.query<Pick<ConversationRow, 'language'>>(
    'SELECT language FROM conversation WHERE learner_id = $1 AND language IS NOT NULL ORDER BY last_turn_at DESC LIMIT 1',
    [learnerId],
  );
  return languageSchema.catch('nb').parse(rows[0]?.language ?? 'nb');
}

async function stillOurs(services: DeliveryServices, row: PushMessageRow): Promise<boolean> {
  const { rows } = await services.pool.query<Pick<PushMessageRow, 'state' | 'claimed_by'>>(
    'SELECT state, claimed_by FROM push_message WHERE id = $1',
    [row.id],
  );
  return rows[0]?.state === 'sending' && rows[0].claimed_by === services.workerId;
}

async function markSent(services: DeliveryServices, id: string, channel: string, activityId: string): Promise<boolean> {
  const result = await services.pool.query(
    `UPDATE push_message SET state = 'sent', channel = $3, activity_id = $4, sent_at = CURRENT_TIMESTAMP, lease_until = NULL, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND state = 'sending' AND claimed_by = $2`,
    [id, services.workerId, channel, activityId],
  );
  return (result.rowCount ?? 0) > 0;
}
