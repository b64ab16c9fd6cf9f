import type pg from 'pg';
import type { SlackSettings } from './slack-settings.js';
import type { CredentialSecret } from '../../src/credentials/signing-keys.js';
import { resolveCredentialSecret } from '../credentials/credential-secret.js';
import { silentLogger, type Logger } from '../logging.js';
import { createSlackInstallationStore, type SlackInstallationStore } from '../storage/slack-installation-store.js';
import { installationSealing } from './installation-sealing.js';

/**
 * The workspaces that installed Veileder, for the Slack router (replies, App Home) and the push senders
 * (digests, assignments), sealed under the credential secret. The secret is resolved on first use;
 * slack-settings.ts has already refused a PostgreSQL server without VEILEDER_CREDENTIAL_SECRET.
 */
export function openSlackInstallations(options: {
  pool: pg.Pool;
  databaseKind: 'server' | 'embedded';
  settings: Extract<SlackSettings, { mode: 'any-workspace' }>;
  log?: Logger;
}): SlackInstallationStore {
  const secret: Promise<CredentialSecret> = resolveCredentialSecret({
    configured: options.settings.tokenSecret.configured,
    dataDir: options.settings.tokenSecret.dataDir,
    databaseKind: options.databaseKind,
    log: options.log ?? silentLogger,
  }).then((resolved) => {
    if ('missing' in resolved) throw new Error(`Slack installations cannot be sealed: ${resolved.missing}`);
    return resolved;
  });
  // Not awaited here: a failure surfaces at the first install or event, each of which reports it.
  secret.catch(() => {});
  return createSlackInstallationStore({ pool: options.pool, sealing: installationSealing(secret) });
}
