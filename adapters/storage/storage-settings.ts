import { z } from 'zod';
import { flag, optionalText } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

// Shared with the sections that decide by the database (Slack's token sealing) or keep files in the data dir.
export const databaseUrlVariable = optionalText
  .pipe(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a PostgreSQL URL such as postgresql://user@127.0.0.1:5432/veileder — or leave it unset to use the embedded database',
      )
      .optional(),
  )
  .describe('PostgreSQL server URL; unset = the embedded database in VEILEDER_DATA_DIR');

export const dataDirVariable = optionalText
  .default('.veileder')
  .describe('the embedded database, the retrieval indexes and generated secrets');

/** Where the catalogue and everything else is kept. */
export const storageSettings = settingsSection(
  {
    DATABASE_URL: databaseUrlVariable,
    VEILEDER_DATA_DIR: dataDirVariable,
    VEILEDER_DEMO_CATALOGUE: flag(true).describe(
      'import the demo catalogue on first start when the catalogue is empty',
    ),
  },
  (env) => ({
    /** Unset = the embedded database in `dataDir`. */
    databaseUrl: env.DATABASE_URL,
    dataDir: env.VEILEDER_DATA_DIR,
    importDemoCatalogue: env.VEILEDER_DEMO_CATALOGUE,
  }),
);
