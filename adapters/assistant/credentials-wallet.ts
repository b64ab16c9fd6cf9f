import { createWalletExtension } from '../../src/credentials/wallet-extension.js';
import { createWalletToken, walletLinkMinutes } from '../../src/credentials/wallet-link.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { resolveCredentialSecret } from '../credentials/credential-secret.js';
import { issuerSettings } from '../credentials/open-credential-service.js';
import { createCredentialStore } from '../storage/credential-store.js';
import { promptsDirectory } from './create-assistant.js';
import type { ExtensionServices } from './dialogue-extensions.js';

/**
 * The chat's credentials wallet ("vis kursbevisene mine"): the learner's credentials by name and a signed
 * 30-minute link to /wallet/:token on this server's public address. None when credentials are switched off.
 */
export async function createCredentialsWallet(services: ExtensionServices): Promise<DialogueExtension[]> {
  const { configuration, database, log } = services;
  const secret = await resolveCredentialSecret({ configured: configuration.credentials.secret, dataDir: configuration.dataDir, databaseKind: database.kind, log });
  if ('missing' in secret) return [];
  const store = createCredentialStore({ pool: database.pool });
  const { publicUrl } = issuerSettings(configuration);
  return [
    createWalletExtension({
      templates: await loadReplyTemplates({ directory: promptsDirectory }),
      source: {
        async credentialNames(learnerId) {
          return (await store.listForLearner(learnerId)).filter((record) => record.jwt).map((record) => record.achievementName);
        },
        async walletLink(learnerId) {
          return { url: `${publicUrl}/wallet/${createWalletToken({ secret, learnerId, now: new Date() })}`, expiresInMinutes: walletLinkMinutes };
        },
      },
    }),
  ];
}
