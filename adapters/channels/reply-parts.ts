import type { Reply, ReplyAction, Suggestion } from '../../src/dialogue/turn.js';
import { channelText } from './channel-text.js';

/**
 * `Reply.text` holds the whole answer, suggestion list included, for channels that can only show text.
 * Channels that draw suggestions as cards or blocks show the text without the numbered list lines beside them.
 */
export function textBesideSuggestions(reply: Reply): string {
  if (reply.suggestions.length === 0) return reply.text;
  const titles = reply.suggestions.map((suggestion) => suggestion.title);
  return reply.text
    .split('\n')
    .filter((line) => !(/^\s*\d+[.)]\s/.test(line) && titles.some((title) => line.includes(title))))
    .filter((line) => !/^\s{2,}\S/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The facts line under a suggestion's title, in the reply language: provider · price · mode/place · workload · accreditation. */
export function suggestionFacts(suggestion: Suggestion, language: Reply['language']): string {
  const text = channelText(language);
  return [
    suggestion.provider,
    suggestion.price,
    suggestion.place,
    suggestion.workload,
    suggestion.accredited ? text.accredited(suggestion.accredited) : null,
    suggestion.rating ? `★ ${suggestion.rating.average.toFixed(1)} (${suggestion.rating.count})` : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** The reply's own buttons, less those every suggestion already carries ("why nr 1", "more like nr 1"). */
export function actionsBesideSuggestions(reply: Reply): ReplyAction[] {
  const shown = new Set(reply.suggestions.map((suggestion) => suggestion.offeringId));
  return (reply.actions ?? []).filter(
    (entry) =>
      !((entry.action.type === 'why' || entry.action.type === 'more_like') && shown.has(entry.action.offeringId)),
  );
}
