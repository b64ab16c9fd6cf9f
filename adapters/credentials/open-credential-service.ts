import type { Configuration } from '../configuration.js';
import type { IssuerSettings } from '../../src/credentials/issuer.js';
import { ensureActiveKey } from '../../src/credentials/signing-keys.js';
import type { Logger } from '../logging.js';
import type { Database } from '../storage/database.js';
import { resolveCredentialSecret } from './credential-secret.js';
import { createCredentialService, type CredentialService } from './credential-service.js';

/** The issuer as configured: VEILEDER_PUBLIC_URL (or http://localhost:PORT) and the issuer name. */
export function issuerSettings(configuration: Configuration): IssuerSettings {
  return {
    publicUrl: configuration.server.publicUrl ?? `http://localhost:${configuration.server.port}`,
    name: configuration.credentials.issuerName,
  };
}

/**
 * The credential service for a running Veileder or a CLI command, or undefined (with the reason logged)
 * when no secret can be had. Makes sure a signing key exists, so the JWKS is never empty.
 */
export async function openCredentialService(options: {
  database: Database;
  configuration: Configuration;
  log: Logger;
}): Promise<CredentialService | undefined> {
  const { configuration, log } = options;
  const secret = await resolveCredentialSecret({
    configured: configuration.credentials.secret,
    dataDir: configuration.storage.dataDir,
    databaseKind: options.database.kind,
    log,
  });
  if ('missing' in secret) {
    log.info(`Credentials: off — ${secret.missing}`);
    return undefined;
  }
  const issuer = issuerSettings(configuration);
  const service = createCredentialService({
    pool: options.database.pool,
    issuer,
    secret,
    trustedIssuers: configuration.credentials.trustedIssuers,
  });
  await ensureActiveKey({ store: service.keys, secret, now: new Date() });
  if (!configuration.server.publicUrl)
    log.info(
      `Credentials: issuer ${service.issuerProfile().id} — set VEILEDER_PUBLIC_URL before issuing real credentials (the issuer id is built from it)`,
    );
  return service;
}
