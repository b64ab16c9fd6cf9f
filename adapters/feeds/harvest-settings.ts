import { flag, numberSetting } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/** Providers' registered feeds, harvested on their schedules, and the size limit uploads share (docs/providers.md). */
export const harvestSettings = settingsSection(
  {
    VEILEDER_HARVEST: flag(true).describe("harvest providers' registered feeds in this process, on push's runner"),
    VEILEDER_HARVEST_CHECK_SECONDS: numberSetting({
      fallback: 60,
      mustBe: 'must be a number of seconds, e.g. 60',
      above: 0,
    }).describe('how often due feeds are looked for'),
    VEILEDER_HARVEST_TIMEOUT_SECONDS: numberSetting({
      fallback: 300,
      mustBe: 'must be a number of seconds, e.g. 300',
      above: 0,
    }).describe('the whole fetch of one feed, body included'),
    VEILEDER_CATALOGUE_MAX_MB: numberSetting({
      fallback: 200,
      mustBe: 'must be a number of megabytes, e.g. 200',
      above: 0,
    }).describe('largest feed body or catalogue upload'),
    VEILEDER_FEED_STALE_SCHEDULES: numberSetting({
      fallback: 3,
      mustBe: 'must be a number of schedules, e.g. 3',
      above: 0,
    }).describe('a feed with no successful harvest within this many of its schedules is listed as stale'),
    // Providers register feed URLs themselves: off, none of them can make the server fetch from its own network.
    VEILEDER_HARVEST_ALLOW_PRIVATE: flag(false).describe(
      'let feeds on loopback, private and link-local addresses be harvested',
    ),
  },
  (env) => ({
    /** Off: this process harvests no feeds (another may). */
    enabled: env.VEILEDER_HARVEST,
    checkSeconds: env.VEILEDER_HARVEST_CHECK_SECONDS,
    /** The whole fetch of one feed, body included, must finish within this. */
    timeoutSeconds: env.VEILEDER_HARVEST_TIMEOUT_SECONDS,
    /** Largest feed body a harvest downloads, and largest catalogue an upload accepts, in MB. */
    catalogueMaxMb: env.VEILEDER_CATALOGUE_MAX_MB,
    /** A feed with no successful harvest within this many of its schedules is listed as stale. */
    staleSchedules: env.VEILEDER_FEED_STALE_SCHEDULES,
    /** Feeds on loopback, private and link-local addresses may be fetched (off: public internet only). */
    allowPrivateAddresses: env.VEILEDER_HARVEST_ALLOW_PRIVATE,
  }),
);
