import { parseArgs } from 'node:util';
import { loadConfiguration } from '../../configuration.js';
import { VeilederError } from '../../../src/errors.js';
import type { CredentialService } from '../../credentials/credential-service.js';
import { openCredentialService } from '../../credentials/open-credential-service.js';
import { createLogger } from '../../logging.js';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { createProviderKey, findProvider, revokeProviderKey } from '../../storage/provider-key-store.js';
import { UsageError, type Command } from './command.js';

/**
 * The credentials' operator commands (docs/credentials.md):
 *   veileder provider-key create PROVIDER [--label TEXT]   a provider's API key for POST /api/providers/:id/completions (shown once)
 *   veileder provider-key revoke KEY_ID
 *   veileder credential-keys rotate                        a new signing key; the old public key stays published
 *   veileder credential-keys list
 *   veileder credential revoke ID [--reason TEXT]           revokes at once (the status list is republished)
 */

async function withCredentials<T>(
  work: (options: { database: Database; credentials: CredentialService | undefined }) => Promise<T>,
): Promise<T> {
  const configuration = loadConfiguration();
  const log = createLogger({ level: configuration.logging.level === 'debug' ? 'debug' : 'error' });
  const database = await openDatabase(configuration.storage);
  try {
    await migrate(database.pool);
    const credentials = await openCredentialService({ database, configuration, log });
    return await work({ database, credentials });
  } finally {
    await database.close();
  }
}

function required(credentials: CredentialService | undefined): CredentialService {
  if (!credentials)
    throw new VeilederError({
      code: 'invalid_configuration',
      message: 'credentials are off',
      userMessage:
        'Credentials are off: set VEILEDER_CREDENTIAL_SECRET (at least 32 characters) — it is required with DATABASE_URL.',
    });
  return credentials;
}

function parse(args: string[], usage: string, options: Record<string, { type: 'string' }> = {}) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

const providerKeyUsage =
  'Usage: veileder provider-key create PROVIDER_ID_OR_NAME [--label TEXT]\n       veileder provider-key revoke KEY_ID';

export const providerKeyCommand: Command = {
  summary: "a provider's API key for reporting completions: create PROVIDER [--label TEXT], revoke KEY_ID",
  async run(args) {
    const { positionals, values } = parse(args, providerKeyUsage, { label: { type: 'string' } });
    const [action, target, ...rest] = positionals;
    if (!target || rest.length || (action !== 'create' && action !== 'revoke')) throw new UsageError(providerKeyUsage);
    await withCredentials(async ({ database }) => {
      if (action === 'revoke') {
        if (!(await revokeProviderKey(database.pool, { id: target })))
          throw new VeilederError({
            code: 'not_found',
            message: `provider key ${target} not found`,
            userMessage: `No live provider key ${target}.`,
          });
        process.stdout.write(`Revoked provider key ${target}.\n`);
        return;
      }
      const provider = await findProvider(database.pool, target);
      if (!provider)
        throw new VeilederError({
          code: 'not_found',
          message: `provider ${target} not found`,
          userMessage: `No provider with id or name "${target}".`,
        });
      const created = await createProviderKey(database.pool, {
        providerId: provider.id,
        label: values.label as string | undefined,
      });
      process.stdout.write(
        `API key for ${provider.name} (provider ${provider.id}), key id ${created.id} — shown once, only its hash is stored:\n${created.key}\n` +
          `Report a completion: POST /api/providers/${provider.id}/completions with Authorization: Bearer <key>\n`,
      );
    });
  },
};

const keysUsage = 'Usage: veileder credential-keys rotate\n       veileder credential-keys list';

export const credentialKeysCommand: Command = {
  summary: 'the credential signing keys: rotate (a new key signs; old public keys stay published), list',
  async run(args) {
    const [action, ...rest] = parse(args, keysUsage).positionals;
    if (rest.length || (action !== 'rotate' && action !== 'list')) throw new UsageError(keysUsage);
    await withCredentials(async ({ credentials }) => {
      const service = required(credentials);
      if (action === 'rotate') {
        const rotated = await service.rotateKeys();
        process.stdout.write(
          `New signing key ${rotated.current}${rotated.previous ? `; ${rotated.previous} retired (still published, so what it signed still verifies)` : ''}.\n`,
        );
        return;
      }
      for (const key of await service.keys.allKeys()) {
        process.stdout.write(
          `${key.id}\t${key.algorithm}\tcreated ${key.createdAt.toISOString()}\t${key.retiredAt ? `retired ${key.retiredAt.toISOString()}` : 'active'}\n`,
        );
      }
    });
  },
};

const credentialUsage = 'Usage: veileder credential revoke ID [--reason TEXT]\n       veileder credential show ID';

export const credentialCommand: Command = {
  summary: 'one issued credential: revoke ID [--reason TEXT] (takes effect at once), show ID',
  async run(args) {
    const { positionals, values } = parse(args, credentialUsage, { reason: { type: 'string' } });
    const [action, id, ...rest] = positionals;
    if (!id || rest.length || (action !== 'revoke' && action !== 'show')) throw new UsageError(credentialUsage);
    await withCredentials(async ({ credentials }) => {
      const service = required(credentials);
      const fullId = id.startsWith('urn:uuid:') ? id : `urn:uuid:${id}`;
      if (action === 'revoke') {
        const record = await service.revoke({ credentialId: fullId, reason: values.reason as string | undefined });
        process.stdout.write(
          `Revoked ${record.id} (${record.achievementName}) at ${record.revokedAt?.toISOString()}; status list ${record.statusListId} republished.\n`,
        );
        return;
      }
      const record = await service.store.findById(fullId);
      if (!record)
        throw new VeilederError({
          code: 'not_found',
          message: `credential ${fullId} not found`,
          userMessage: `No credential ${fullId}.`,
        });
      const verdict = record.jwt
        ? (await service.verify(record.jwt)).verdict
        : 'no copy kept (the learner was forgotten)';
      process.stdout.write(
        `${record.id}\t${record.achievementName}\t${record.achievementType}\tissued ${record.issuedAt.toISOString()}\t${record.revokedAt ? `revoked ${record.revokedAt.toISOString()}` : 'not revoked'}\tverdict ${verdict}\n`,
      );
    });
  },
};
