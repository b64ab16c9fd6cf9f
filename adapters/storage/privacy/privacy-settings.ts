import { numberSetting } from '../../settings/setting-fields.js';
import { settingsSection } from '../../settings/settings-section.js';

/** GDPR: conversations idle longer than `retentionDays` (0 = never) are purged every `purgeIntervalMinutes`. */
export const privacySettings = settingsSection(
  {
    VEILEDER_RETENTION_DAYS: numberSetting({
      fallback: 365,
      mustBe: 'must be a whole number of days (0 keeps conversations until the learner deletes them)',
      whole: true,
      atLeast: 0,
    }).describe('conversations idle this long are deleted; 0 = kept until the learner deletes them'),
    VEILEDER_PURGE_INTERVAL_MINUTES: numberSetting({
      fallback: 60,
      mustBe: 'must be a number of minutes, e.g. 60',
      above: 0,
    }).describe('how often the server runs that purge'),
  },
  (env) => ({ retentionDays: env.VEILEDER_RETENTION_DAYS, purgeIntervalMinutes: env.VEILEDER_PURGE_INTERVAL_MINUTES }),
);
