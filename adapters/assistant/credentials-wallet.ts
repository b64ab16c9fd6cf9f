import { createWalletExtension } from '../../src/credentials/wallet-extension.js';
import { createWalletToken, walletLinkMinutes } from '../../src/credentials/wallet-link.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { resolveCredentialSecret } from '../credentials/credential-secret.js';
import { issuerSettings } from '../credentials/open-credential-service.js';
import { createCredentialService } from '../credentials/credential-service.js';
import { promptsDirectory } from './create-assistant.js';
import type { ExtensionServices } from './dialogue-extensions.js';

/**
 * The chat's credentials wallet ("vis kursbevisene mine"): the learner's credentials by name and a signed
 * 30-minute link to /wallet/:token on this server's public address; a credential pasted into the chat is
 * checked and, if no learner has it yet, added to theirs. None when credentials are switched off.
 */
export async function createCredentialsWallet(
  services: Pick<ExtensionServices, 'configuration' | 'database' | 'log'>,
): Promise<DialogueExtension[]> {
  const { configuration, database, log } = services;
  const secret = await resolveCredentialSecret({
    configured: configuration.credentials.secret,
    dataDir: configuration.storage.dataDir,
    databaseKind: database.kind,
    log,
  });
  if ('missing' in secret) return [];
  const issuer = issuerSettings(configuration);
  const credentials = createCredentialService({
    pool: database.pool,
    issuer,
    secret,
    trustedIssuers: configuration.credentials.trustedIssuers,
  });
  const store = credentials.store;
  const { publicUrl } = issuer;
  return [
    createWalletExtension({
      templates: await loadReplyTemplates({ directory: promptsDirectory }),
      source: {
        async credentialNames(learnerId) {
          return (await store.listForLearner(learnerId))
            .filter((record) => record.jwt)
            .map((record) => record.achievementName);
        },
        async checkPasted({ learnerId, jwt }) {
          const result = await credentials.verify(jwt);
          if (result.verdict === 'valid') {
            const attached = await store.attachToLearner({ jwt, learnerId });
            if (attached) return { outcome: 'added', title: attached.achievementName };
          }
          return { outcome: 'checked', message: result.reasons[0]!.message };
        },
        async walletLink(learnerId) {
          return {
            url: `${publicUrl}/wallet/${createWalletToken({ secret, learnerId, now: new Date() })}`,
            expiresInMinutes: walletLinkMinutes,
          };
        },
      },
    }),
  ];
}
