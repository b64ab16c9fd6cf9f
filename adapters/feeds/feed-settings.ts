import { numberSetting } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/** How feeds' records are read into offerings. */
export const feedSettings = settingsSection(
  {
    // Default 10.75: Norges Bank's average USD/NOK rate for 2024, rounded; set it when a fresher rate matters.
    VEILEDER_USD_TO_NOK: numberSetting({
      fallback: 10.75,
      mustBe: 'must be a positive number of NOK per US dollar, e.g. 10.75',
      above: 0,
    }).describe('NOK per US dollar, for feeds that give prices in USD'),
  },
  (env) => ({ usdToNok: env.VEILEDER_USD_TO_NOK }),
);
