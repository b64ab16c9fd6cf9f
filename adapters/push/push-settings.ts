import type { z } from 'zod';
import { choice, flag, numberSetting, optionalSecret } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/** Proactive messages: digests of new matching offerings, organisations' assignments and reminders (docs/push.md). */
export const pushSettings = settingsSection(
  {
    VEILEDER_PUSH: flag(true).describe('run the push jobs in this process'),
    VEILEDER_PUSH_RUNNER: choice(['auto', 'pg-boss', 'in-process'], 'auto').describe(
      'auto = pg-boss on a PostgreSQL server, an in-process timer on the embedded database',
    ),
    VEILEDER_PUSH_CHECK_SECONDS: numberSetting({
      fallback: 60,
      mustBe: 'must be a number of seconds, e.g. 60',
      above: 0,
    }).describe('how often new offerings are matched, digests planned and due messages sent'),
    VEILEDER_PUSH_GATHER_MINUTES: numberSetting({
      fallback: 60,
      mustBe: 'must be a number of minutes (0 or more), e.g. 60',
      atLeast: 0,
    }).describe("a digest waits this long after its first match, so one import's matches go out together"),
    VEILEDER_PUSH_LEASE_SECONDS: numberSetting({
      fallback: 120,
      mustBe: 'must be a number of seconds, e.g. 120',
      above: 0,
    }).describe('how long a process may hold a message it is sending before another takes it over'),
    VEILEDER_PUSH_SECRET: optionalSecret(
      32,
      'must be at least 32 characters (e.g. openssl rand -base64 32); it signs unsubscribe links',
    ).describe('signs unsubscribe links; unset = a key generated once and kept in the database'),
  },
  (env) => ({
    /** Off: no push jobs run in this process (subscriptions can still be made). */
    enabled: env.VEILEDER_PUSH,
    /** auto: pg-boss on a PostgreSQL server, an in-process timer on the embedded database. */
    runner: env.VEILEDER_PUSH_RUNNER,
    /** How often new offerings are matched, digests planned and due messages looked for. */
    checkSeconds: env.VEILEDER_PUSH_CHECK_SECONDS,
    /** A digest waits this long after its first match, so one import's matches go out together. */
    gatherMinutes: env.VEILEDER_PUSH_GATHER_MINUTES,
    /** How long a process may hold a message it is sending before another may take it over. */
    leaseSeconds: env.VEILEDER_PUSH_LEASE_SECONDS,
    /** Signs unsubscribe links; unset = a key generated once and kept in the database. */
    secret: env.VEILEDER_PUSH_SECRET,
  }),
);

export type PushSettings = z.infer<typeof pushSettings>;
