import type { DialogueExtension } from '../dialogue/extensions.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';

/**
 * "Vis kursbevisene mine" (nb), "vis kursbevisa mine" (nn), "show my credentials" (en): the learner's
 * credentials in the chat, with a short-lived signed link to their wallet page, where they download and
 * share them. Deliberately narrow — it must say *my* credentials — so a question about a course that gives
 * a certificate ("gir kurset kursbevis?") still reaches the interview.
 */

export type WalletSource = {
  /** The names of the learner's credentials, newest first (revoked ones included: the page shows their status). */
  credentialNames(learnerId: string): Promise<string[]>;
  /** A link to the learner's wallet page, valid for `expiresInMinutes`. */
  walletLink(learnerId: string): Promise<{ url: string; expiresInMinutes: number }>;
};

export const walletExtensionName = 'credentials_wallet';

const credentialWords = String.raw`(?:kursbevis(?:ene|a)?|kompetansebevis(?:ene|a)?|sertifikat(?:ene|a)?|credentials?|badges?|certificates?)`;
const patterns = [
  new RegExp(String.raw`^(?:kan\s+(?:du|eg|jeg)\s+)?(?:vis|se|show|list|see)\s+(?:meg\s+|me\s+)?(?:alle\s+|all\s+)?(?:mine\s+|my\s+)${credentialWords}\b`, 'i'),
  new RegExp(String.raw`^(?:vis\s+|se\s+|show\s+)?(?:meg\s+)?${credentialWords}\s+(?:mine|mitt|mine\s+kursbevis)\b`, 'i'),
  new RegExp(String.raw`^(?:hvor|kvar|where)\s+(?:er|are)\s+(?:mine\s+|my\s+)${credentialWords}`, 'i'),
  new RegExp(String.raw`^(?:mine|my)\s+${credentialWords}\s*[?.!]*$`, 'i'),
];

export function isWalletRequest(text: string): boolean {
  const message = text.trim().replace(/[?.!]+$/, '');
  if (message === '' || message.length > 120) return false;
  return patterns.some((pattern) => pattern.test(message));
}

export function createWalletExtension(options: { source: WalletSource; templates: ReplyTemplates }): DialogueExtension {
  const { source, templates } = options;
  return {
    name: walletExtensionName,
    async answer(context) {
      const pressed = context.action?.command === 'show';
      if (!pressed && !isWalletRequest(context.text)) return null;
      const names = await source.credentialNames(context.learnerId);
      if (names.length === 0) return { text: templates.text(context.language, 'credentials_none') };
      const link = await source.walletLink(context.learnerId);
      const titles = names.slice(0, 10).map((name) => `• ${name}`).join('\n');
      return { text: templates.text(context.language, 'credentials_wallet', { count: names.length, titles, url: link.url, minutes: link.expiresInMinutes }) };
    },
  };
}
