import { optionalSecret, optionalText, commaList } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

// Also read by Slack's section: the same secret seals the workspaces' bot tokens.
export const credentialSecretVariable = optionalSecret(
  32,
  'must be at least 32 characters (e.g. openssl rand -base64 32); it encrypts the credential signing keys',
).describe("encrypts the credential signing keys at rest and signs wallet links (and seals Slack workspaces' tokens)");

/**
 * Open Badges credentials (docs/credentials.md); the secret unset = generated into the data dir on the embedded
 * database, credentials off on a PostgreSQL server.
 */
export const credentialSettings = settingsSection(
  {
    VEILEDER_CREDENTIAL_SECRET: credentialSecretVariable,
    VEILEDER_CREDENTIAL_ISSUER_NAME: optionalText
      .default('Læringsportalen')
      .describe("the issuer's name in every credential"),
    // A good signature from anyone else is "untrusted issuer".
    VEILEDER_TRUSTED_ISSUERS: optionalText
      .refine(
        (text) => commaList(text).every((item) => /^did:(key|jwk|web):\S+$/.test(item) || /^https:\/\/\S+$/.test(item)),
        'must be a comma-separated list of issuer ids as they appear in credentials: did:key:…, did:jwk:…, did:web:… or https://… URLs',
      )
      .describe('other issuers whose Open Badges /verify confirms as valid'),
  },
  (env) => ({
    secret: env.VEILEDER_CREDENTIAL_SECRET,
    issuerName: env.VEILEDER_CREDENTIAL_ISSUER_NAME,
    trustedIssuers: commaList(env.VEILEDER_TRUSTED_ISSUERS),
  }),
);
