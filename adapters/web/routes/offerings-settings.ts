import type { z } from 'zod';
import { numberSetting } from '../../settings/setting-fields.js';
import { settingsSection } from '../../settings/settings-section.js';

/** The public catalogue API (GET /api/offerings). */
export const offeringsSettings = settingsSection(
  {
    // Browsing without q is not counted.
    VEILEDER_SEARCHES_PER_MINUTE: numberSetting({
      fallback: 30,
      mustBe: 'must be a whole number of searches a client may make per minute, e.g. 30',
      whole: true,
      above: 0,
    }).describe('text searches (GET /api/offerings?q=) one client IP may make per minute'),
  },
  (env) => ({
    /** Text searches (`q`) one client IP may make per minute; a burst of as many is allowed. */
    searchesPerMinute: env.VEILEDER_SEARCHES_PER_MINUTE,
  }),
);

export type OfferingsApiSettings = z.infer<typeof offeringsSettings>;

/** Used where no configuration is given (tests composing the HTTP app by hand): every variable unset. */
export const defaultOfferingsApiSettings: OfferingsApiSettings = offeringsSettings.parse({});
