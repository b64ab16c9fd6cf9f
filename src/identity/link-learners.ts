import { randomInt } from 'node:crypto';
import type { Language } from '../profile/profile.js';
import type { DialogueExtension } from '../dialogue/extensions.js';

/**
 * Linking a learner's identities across channels, so the profile follows the person: "koble" (nb), "kople"
 * (nn) or "link" in one channel answers with a one-time code; the same word followed by the code in another
 * channel joins that channel's learner to the first one, merging what was stored under it. A dialogue
 * extension like every other feature that talks in the chat, so every channel and `veileder chat` get it.
 */

export type RedeemOutcome = 'linked' | 'already_linked' | 'unknown_or_expired';

/** Where codes live (PostgreSQL in adapters/storage/learner-link-store.ts). */
export type LearnerLinkStore = {
  /** Stores the code for the learner, replacing any code it had. */
  createCode(input: { learnerId: string; code: string; expiresAt: Date }): Promise<void>;
  /** Uses the code up: the learner (every identity and everything stored) is merged into the code's learner. */
  redeemCode(input: { learnerId: string; code: string; now: Date }): Promise<RedeemOutcome>;
};

export type LinkLearnersOptions = {
  store: LearnerLinkStore;
  /** How long a code can be used; short, since it stands in for a login. */
  codeMinutes?: number;
  now?: () => Date;
  generateCode?: () => string;
};

// No 0/O, 1/I/L: a code is read on one screen and typed on another.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 6;

export function generateLinkCode(): string {
  return Array.from({ length: codeLength }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
}

const linkCommand = /^\s*(koble|kople|link)(?:\s+(?:til\s+|to\s+)?([a-z0-9][a-z0-9 -]{4,10}[a-z0-9]))?\s*[.!]?\s*$/i;

export type LinkRequest = { word: 'koble' | 'kople' | 'link'; code: string | undefined };

export function parseLinkRequest(text: string | undefined): LinkRequest | undefined {
  const match = linkCommand.exec(text ?? '');
  if (!match) return undefined;
  const code = match[2]?.replace(/[\s-]/g, '').toUpperCase();
  return { word: match[1]!.toLowerCase() as LinkRequest['word'], code };
}

export function createLearnerLinking(options: LinkLearnersOptions): DialogueExtension {
  const codeMinutes = options.codeMinutes ?? 15;
  const now = options.now ?? (() => new Date());
  const generateCode = options.generateCode ?? generateLinkCode;
  return {
    name: 'link_learners',
    async answer(context) {
      const request = parseLinkRequest(context.text);
      if (!request) return null;
      const words = linkWords[replyLanguage(request.word, context.language)];
      if (request.code === undefined) {
        const code = generateCode();
        await options.store.createCode({
          learnerId: context.learnerId,
          code,
          expiresAt: new Date(now().getTime() + codeMinutes * 60_000),
        });
        // The transcript keeps no usable code: advisers read transcripts, and a code stands in for a login.
        return { text: words.created(code, codeMinutes), storedText: words.created('••••••', codeMinutes) };
      }
      const outcome = await options.store.redeemCode({ learnerId: context.learnerId, code: request.code, now: now() });
      return { text: words[outcome] };
    },
  };
}

/** The word says the language; "link" is answered in the conversation's. */
function replyLanguage(word: LinkRequest['word'], conversation: Language): Language {
  if (word === 'koble') return 'nb';
  if (word === 'kople') return 'nn';
  return conversation;
}

const linkWords: Record<
  Language,
  { created: (code: string, minutes: number) => string } & Record<RedeemOutcome, string>
> = {
  nb: {
    created: (code, minutes) =>
      `Koden din er ${code}. Skriv «koble ${code}» i den andre kanalen (Teams, Slack eller nettchatten) innen ${minutes} minutter, så følger profilen din med dit.`,
    linked: 'Ferdig! Denne kanalen er nå koblet til profilen din, og det du har fortalt meg følger med.',
    already_linked: 'Denne kanalen er allerede koblet til den samme profilen.',
    unknown_or_expired:
      'Den koden kjenner jeg ikke, eller den er utløpt. Skriv «koble» i den andre kanalen for å få en ny.',
  },
  nn: {
    created: (code, minutes) =>
      `Koden din er ${code}. Skriv «kople ${code}» i den andre kanalen (Teams, Slack eller nettchatten) innan ${minutes} minutt, så følgjer profilen din med dit.`,
    linked: 'Ferdig! Denne kanalen er no kopla til profilen din, og det du har fortalt meg følgjer med.',
    already_linked: 'Denne kanalen er allereie kopla til den same profilen.',
    unknown_or_expired:
      'Den koden kjenner eg ikkje, eller han har gått ut. Skriv «kople» i den andre kanalen for å få ein ny.',
  },
  en: {
    created: (code, minutes) =>
      `Your code is ${code}. Type "link ${code}" in the other channel (Teams, Slack or the web chat) within ${minutes} minutes, and your profile will follow you there.`,
    linked: 'Done! This channel is now linked to your profile, and what you have told me comes along.',
    already_linked: 'This channel is already linked to the same profile.',
    unknown_or_expired:
      'I do not know that code, or it has expired. Type "link" in the other channel to get a new one.',
  },
};
