import type { z } from 'zod';
import { flag, numberSetting, optionalSecret } from '../../settings/setting-fields.js';
import { settingsSection } from '../../settings/settings-section.js';

/**
 * Bot Framework Direct Line 3.0-compatible endpoints under /v3/directline. Tokens are signed with a key derived
 * from the secret, or generated once into the database when it is unset. The limits (issue 15) bound what one
 * client may start, post and keep, so none can crowd out the rest; rates are per client IP (shared by every
 * process on a database server), sizes per activity and conversation.
 */
export const directLineSettings = settingsSection(
  {
    VEILEDER_DIRECT_LINE: flag(true).describe('the Direct Line endpoints under /v3/directline'),
    VEILEDER_DIRECT_LINE_SECRET: optionalSecret(
      16,
      'must be at least 16 characters (it guards token generation)',
    ).describe('guards and signs Direct Line tokens; unset = anyone may start a conversation'),
    VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE: numberSetting({
      fallback: 10,
      mustBe: 'must be a whole number of conversations a client may start per minute, e.g. 10',
      whole: true,
      above: 0,
    }).describe('conversations one client IP may start per minute'),
    VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE: numberSetting({
      fallback: 30,
      mustBe: 'must be a whole number of activities a client may post per minute, e.g. 30',
      whole: true,
      above: 0,
    }).describe('activities one client IP may post per minute'),
    VEILEDER_DIRECT_LINE_MAX_ACTIVITY_KB: numberSetting({
      fallback: 32,
      mustBe: 'must be a whole number of kilobytes, e.g. 32',
      whole: true,
      above: 0,
    }).describe('the largest activity a client may post'),
    VEILEDER_DIRECT_LINE_MAX_ACTIVITIES: numberSetting({
      fallback: 500,
      mustBe: 'must be a whole number of activities per conversation, e.g. 500',
      whole: true,
      above: 0,
    }).describe('activities one conversation may hold from its client'),
    VEILEDER_DIRECT_LINE_MAX_CONVERSATION_KB: numberSetting({
      fallback: 1024,
      mustBe: 'must be a whole number of kilobytes per conversation, e.g. 1024',
      whole: true,
      above: 0,
    }).describe('kilobytes one conversation may hold from its client'),
    VEILEDER_DIRECT_LINE_IDLE_MINUTES: numberSetting({
      fallback: 60,
      mustBe: 'must be a whole number of minutes, e.g. 60',
      whole: true,
      above: 0,
    }).describe('a conversation unused this long is deleted with its activities'),
  },
  (env) => ({
    enabled: env.VEILEDER_DIRECT_LINE,
    secret: env.VEILEDER_DIRECT_LINE_SECRET,
    limits: {
      startsPerMinute: env.VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE,
      postsPerMinute: env.VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE,
      maxActivityBytes: env.VEILEDER_DIRECT_LINE_MAX_ACTIVITY_KB * 1024,
      maxActivities: env.VEILEDER_DIRECT_LINE_MAX_ACTIVITIES,
      maxConversationBytes: env.VEILEDER_DIRECT_LINE_MAX_CONVERSATION_KB * 1024,
      /** A conversation unused this long is deleted with its activities. */
      idleMinutes: env.VEILEDER_DIRECT_LINE_IDLE_MINUTES,
    },
  }),
);

export type DirectLineLimits = z.infer<typeof directLineSettings>['limits'];
