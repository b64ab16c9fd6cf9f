import type { Language, Profile } from '../profile/profile.js';
import type { Channel, ReplyAction, Suggestion, TurnAction } from './turn.js';

/**
 * Features that talk in the chat beside the recommendation interview — an adviser's changes, notifications,
 * a data export, the credentials wallet, setting up an organisation — plug in here instead of growing
 * handleTurn. Each extension is consulted on every turn, in the order given:
 *
 * 1. `notices`: lines shown once, before whatever the reply is (the extension marks them shown itself).
 * 2. `answer`: a turn the extension owns — its own buttons (`{ type: 'extension', extension: name, … }`
 *    always go to it) or words it recognises. The first extension to answer ends the turn; nothing is
 *    understood or recommended then. Return null to let the turn pass.
 * 3. `afterSuggestions`: when the assistant recommended, an offer after the suggestions (e.g. "notify me").
 *
 * Every extension keeps its own small state per conversation (`state` in, `state` out), so a guided
 * flow can ask a question and read the answer on the next turn.
 */

type ExtensionAction = Extract<TurnAction, { type: 'extension' }>;

export type ExtensionContext = {
  learnerId: string;
  conversationId: string;
  channel: Channel;
  language: Language;
  /** The learner's message, trimmed ('' for a button press). */
  text: string;
  /** The button pressed, when it is this extension's own. */
  action: ExtensionAction | undefined;
  profile: Profile;
  consentGiven: boolean;
  conversationIsNew: boolean;
  /** What this extension stored in this conversation's state last time (undefined at first). */
  state: unknown;
  /**
   * False when the conversation store saw nothing waiting for this extension as the turn began (its notices,
   * a flow in progress), so it need not look; undefined when the store was not told how to look.
   */
  waiting: boolean | undefined;
};

export type ExtensionReply = {
  text: string;
  /** What the transcript keeps instead of `text`, when the reply holds something only the learner may see (a code). */
  storedText?: string;
  suggestions?: Suggestion[];
  actions?: ReplyAction[];
  /** This extension's conversation state after the turn; omitted = unchanged. */
  state?: unknown;
};

export type DialogueExtension = {
  /** Stable; buttons name it in `action.extension`, and it keys the extension's conversation state. */
  name: string;
  notices?(context: ExtensionContext): Promise<ExtensionReply[]>;
  answer?(context: ExtensionContext): Promise<ExtensionReply | null>;
  afterSuggestions?(context: ExtensionContext & { suggestions: Suggestion[] }): Promise<ExtensionReply | null>;
};

type TurnFacts = Omit<ExtensionContext, 'action' | 'state' | 'waiting'> & {
  action: TurnAction | undefined;
  states: Record<string, unknown>;
  waiting: Record<string, boolean>;
};

const contextFor = (extension: DialogueExtension, facts: TurnFacts): ExtensionContext => ({
  ...facts,
  action: facts.action?.type === 'extension' && facts.action.extension === extension.name ? facts.action : undefined,
  state: facts.states[extension.name],
  waiting: facts.waiting[extension.name],
});

/** What the extensions add to one turn: notices before it, maybe an answer instead of it. */
export type ExtensionTurn = {
  notices: ExtensionReply[];
  answer: ExtensionReply | null;
  /** Each extension's state after the turn. */
  states: Record<string, unknown>;
};

export async function runExtensions(options: {
  extensions: DialogueExtension[];
  facts: TurnFacts;
}): Promise<ExtensionTurn> {
  const { extensions, facts } = options;
  const states = { ...facts.states };
  const keep = (extension: DialogueExtension, reply: ExtensionReply) => {
    if (reply.state !== undefined) states[extension.name] = reply.state;
  };
  const notices: ExtensionReply[] = [];
  for (const extension of extensions) {
    for (const notice of (await extension.notices?.(contextFor(extension, facts))) ?? []) {
      keep(extension, notice);
      notices.push(notice);
    }
  }
  // A button names its extension: only that one may answer it. Words go to each in turn.
  const pressed = facts.action?.type === 'extension' ? facts.action.extension : undefined;
  for (const extension of extensions) {
    if (pressed !== undefined && extension.name !== pressed) continue;
    const answer = (await extension.answer?.(contextFor(extension, { ...facts, states }))) ?? null;
    if (answer) {
      keep(extension, answer);
      return { notices, answer, states };
    }
  }
  return { notices, answer: null, states };
}

/** The offers extensions make after a set of suggestions, in order. */
export async function offersAfterSuggestions(options: {
  extensions: DialogueExtension[];
  facts: TurnFacts;
  suggestions: Suggestion[];
}): Promise<{ offers: ExtensionReply[]; states: Record<string, unknown> }> {
  const states = { ...options.facts.states };
  const offers: ExtensionReply[] = [];
  for (const extension of options.extensions) {
    const offer = await extension.afterSuggestions?.({
      ...contextFor(extension, { ...options.facts, states }),
      suggestions: options.suggestions,
    });
    if (!offer) continue;
    if (offer.state !== undefined) states[extension.name] = offer.state;
    offers.push(offer);
  }
  return { offers, states };
}
