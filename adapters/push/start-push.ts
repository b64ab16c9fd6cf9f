import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Configuration } from '../configuration.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { promptsDirectory } from '../assistant/create-assistant.js';
import type { Logger } from '../logging.js';
import type { Database } from '../storage/database.js';
import { openSlackInstallations } from '../slack/slack-installations.js';
import { createSlackSender, createTeamsSender, type ChannelSender } from './channel-senders.js';
import { deliverMessage, type DeliveryServices } from './deliver-message.js';
import { matchNewOfferings, startMatchCursor, type MatchOfferingsOptions } from './match-offerings.js';
import { dueMessageIds, planDigests } from './plan-digests.js';
import { startPushJobs, type PushJobs } from './push-jobs.js';
import { loadUnsubscribeKey, unsubscribeToken } from './unsubscribe-token.js';

// The fused retrieval score a new offering must reach to be pushed (fusion k 10: about the top 15 of the lexical
// ranking). Was VEILEDER_PUSH_MIN_SCORE: a rank-fusion score means nothing to an operator; it is tuned with the
// retrieval it belongs to.
const pushMinScore = 0.04;

/**
 * Push as `veileder serve` runs it: match new offerings, plan digests, deliver due messages — in Teams and
 * Slack when those channels are configured, otherwise on the web at the next visit.
 */
export type RunningPush = { jobs: PushJobs; close(): Promise<void> };

export type StartPushOptions = {
  database: Database;
  configuration: Configuration;
  log: Logger;
  recommender: MatchOfferingsOptions['recommender'];
  catalogue: MatchOfferingsOptions['catalogue'];
  synchronise?: () => Promise<void>;
  /** Where people reach this server, for unsubscribe links (VEILEDER_PUBLIC_URL wins). */
  baseUrl?: () => string | undefined;
};

export async function startPush(options: StartPushOptions): Promise<RunningPush | undefined> {
  const { database, configuration, log } = options;
  const settings = configuration.push;
  if (!settings.enabled) return undefined;
  const templates = await loadReplyTemplates({ directory: promptsDirectory });
  const key = await loadUnsubscribeKey({ pool: database.pool, configured: settings.secret });
  const senders: Partial<Record<'teams' | 'slack', ChannelSender>> = {};
  const channels = configuration.channels;
  if (channels.teams.enabled) senders.teams = createTeamsSender(channels.teams);
  if (channels.slack.enabled) {
    senders.slack =
      channels.slack.mode === 'single-workspace'
        ? createSlackSender({ botToken: channels.slack.botToken, apiUrl: channels.slack.apiUrl })
        : createSlackSender({
            installations: openSlackInstallations({
              pool: database.pool,
              databaseKind: database.kind,
              settings: channels.slack,
              log,
            }),
            apiUrl: channels.slack.apiUrl,
          });
  }

  const delivery: DeliveryServices = {
    pool: database.pool,
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    senders,
    leaseSeconds: settings.leaseSeconds,
    maxAttempts: 6,
    log,
    async unsubscribeUrl(learnerId) {
      const base =
        configuration.server.publicUrl ??
        options.baseUrl?.() ??
        (configuration.server.port ? `http://localhost:${configuration.server.port}` : undefined);
      return base ? `${base.replace(/\/$/, '')}/unsubscribe/${unsubscribeToken({ key, learnerId })}` : undefined;
    },
  };
  const runner = settings.runner === 'auto' ? (database.kind === 'server' ? 'pg-boss' : 'in-process') : settings.runner;
  await startMatchCursor(database.pool);
  const jobs = await startPushJobs({
    databaseUrl: runner === 'pg-boss' ? configuration.storage.databaseUrl : undefined,
    checkSeconds: settings.checkSeconds,
    deliverExpireSeconds: Math.max(60, settings.leaseSeconds * 2),
    log,
    work: {
      async tick() {
        const matched = await matchNewOfferings({
          pool: database.pool,
          recommender: options.recommender,
          catalogue: options.catalogue,
          synchronise: options.synchronise,
          templates,
          settings: { minScore: pushMinScore, depth: 30 },
        });
        if (matched.offerings > 0)
          log.info(
            `Push: matched ${matched.offerings} new or changed offerings against ${matched.subscriptions} subscriptions: ${matched.matches} new matches`,
          );
        const planned = await planDigests({ pool: database.pool, gatherMinutes: settings.gatherMinutes });
        if (planned.planned > 0) log.info(`Push: planned ${planned.planned} digests`);
        const due = await dueMessageIds({ pool: database.pool });
        log.debug('Push: tick', {
          offerings: matched.offerings,
          subscriptions: matched.subscriptions,
          matches: matched.matches,
          planned: planned.planned,
          due: due.length,
        });
        return due;
      },
      deliver: (messageId) => deliverMessage(delivery, messageId),
    },
  });
  log.info(
    `Push: jobs on ${jobs.runner}${jobs.runner === 'pg-boss' ? ' (schema pgboss)' : ''}, checking every ${settings.checkSeconds} s; channels ${[...Object.keys(senders), 'web'].join(', ')}`,
  );
  return { jobs, close: () => jobs.close() };
}
