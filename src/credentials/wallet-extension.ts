import type { DialogueExtension } from '../dialogue/extensions.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';

/**
 * "Vis kursbevisene mine" (nb), "vis kursbevisa mine" (nn), "show my credentials" (en): the learner's
 * credentials in the chat, with a short-lived signed link to their wallet page, where they download and
 * share them. Deliberately narrow — it must say *my* credentials — so a question about a course that gives
 * a certificate ("gir kurset kursbevis?") still reaches the interview.
 *
 * A credential pasted into the chat is checked and, when it was issued to no learner (a provider reported the
 * completion with a name only), added to the wallet: holding the signed credential is what proves it is theirs.
 */

/** What a pasted credential turned out to be (see WalletSource.checkPasted). */
type PastedCredential =
  | { outcome: 'added'; title: string }
  | { outcome: 'checked'; message: { nb: string; nn: string; en: string } };

export type WalletSource = {
  /**
   * A VC-JWT pasted into the chat: verified, and — when it is valid, issued by this Veileder and in no one's
   * wallet yet (a provider reported the completion without a learner) — put into this learner's wallet.
   */
  checkPasted(options: { learnerId: string; jwt: string }): Promise<PastedCredential>;
  /** The names of the learner's credentials, newest first (revoked ones included: the page shows their status). */
  credentialNames(learnerId: string): Promise<string[]>;
  /** A link to the learner's wallet page, valid for `expiresInMinutes`. */
  walletLink(learnerId: string): Promise<{ url: string; expiresInMinutes: number }>;
};

const walletExtensionName = 'credentials_wallet';

const credentialWords =
  '(?:kursbevis(?:ene|a)?|kompetansebevis(?:ene|a)?|sertifikat(?:ene|a)?|credentials?|badges?|certificates?)';
const patterns = [
  new RegExp(
    String.raw`^(?:kan\s+(?:du|eg|jeg)\s+)?(?:vis|se|show|list|see)\s+(?:meg\s+|me\s+)?(?:alle\s+|all\s+)?(?:mine\s+|my\s+)${credentialWords}\b`,
    'i',
  ),
  new RegExp(
    String.raw`^(?:vis\s+|se\s+|show\s+)?(?:meg\s+)?${credentialWords}\s+(?:mine|mitt|mine\s+kursbevis)\b`,
    'i',
  ),
  new RegExp(String.raw`^(?:hvor|kvar|where)\s+(?:er|are)\s+(?:mine\s+|my\s+)${credentialWords}`, 'i'),
  new RegExp(String.raw`^(?:mine|my)\s+${credentialWords}\s*[?.!]*$`, 'i'),
];

export function isWalletRequest(text: string): boolean {
  const message = text.trim().replace(/[?.!]+$/, '');
  if (message === '' || message.length > 120) return false;
  return patterns.some((pattern) => pattern.test(message));
}

/** A compact JWS on its own (a credential pasted into the chat): three base64url parts, long enough to be one. */
function looksLikeVcJwt(text: string): boolean {
  const message = text.trim();
  return message.length >= 200 && message.length <= 100_000 && /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(message);
}

export function createWalletExtension(options: { source: WalletSource; templates: ReplyTemplates }): DialogueExtension {
  const { source, templates } = options;
  return {
    name: walletExtensionName,
    async answer(context) {
      if (looksLikeVcJwt(context.text)) {
        const pasted = await source.checkPasted({ learnerId: context.learnerId, jwt: context.text.trim() });
        return {
          text:
            pasted.outcome === 'added'
              ? templates.text(context.language, 'credentials_added', { title: pasted.title })
              : pasted.message[context.language],
        };
      }
      const pressed = context.action?.command === 'show';
      if (!pressed && !isWalletRequest(context.text)) return null;
      const names = await source.credentialNames(context.learnerId);
      if (names.length === 0) return { text: templates.text(context.language, 'credentials_none') };
      const link = await source.walletLink(context.learnerId);
      const titles = names
        .slice(0, 10)
        .map((name) => `• ${name}`)
        .join('\n');
      return {
        text: templates.text(context.language, 'credentials_wallet', {
          count: names.length,
          titles,
          url: link.url,
          minutes: link.expiresInMinutes,
        }),
      };
    },
  };
}
