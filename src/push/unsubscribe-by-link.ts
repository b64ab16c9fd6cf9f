import type { Language } from '../profile/profile.js';
import type { PushUnsubscriptions, UnsubscribeLinks } from './unsubscribe-ports.js';

/**
 * A learner stops push digests with the signed link from a digest. Honoured at once; opening it twice is
 * harmless. A learner who asked to be forgotten is gone already: nothing will be sent, and the page says
 * so all the same (in Bokmål).
 */
export async function unsubscribeByLink(options: {
  token: string;
  links: UnsubscribeLinks;
  subscriptions: PushUnsubscriptions;
}): Promise<{ kind: 'invalid' } | { kind: 'unsubscribed'; learnerId: string; language: Language }> {
  const learnerId = await options.links.learnerFor(options.token);
  if (!learnerId) return { kind: 'invalid' };
  const language = await options.subscriptions.unsubscribe(learnerId);
  return { kind: 'unsubscribed', learnerId, language: language ?? 'nb' };
}
