import { choice } from './settings/setting-fields.js';
import { settingsSection } from './settings/settings-section.js';

export const loggingSettings = settingsSection(
  {
    VEILEDER_LOG_LEVEL: choice(['silent', 'error', 'info', 'debug'], 'info').describe(
      'which log lines are written to stderr',
    ),
  },
  (env) => ({ level: env.VEILEDER_LOG_LEVEL }),
);
