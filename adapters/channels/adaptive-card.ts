import { z } from 'zod';
import { turnActionSchema, type Reply, type ReplyAction, type TurnAction } from '../../src/dialogue/turn.js';
import { isWebUrl } from '../../src/web-url.js';
import { escapeCardMarkdown } from './card-markdown.js';
import { channelText } from './channel-text.js';
import { actionsBesideSuggestions, suggestionFacts, textBesideSuggestions } from './reply-parts.js';

/**
 * A Reply's suggestions as one Adaptive Card (schema 1.4: Teams and Web Chat render it): each suggestion with its
 * facts and reason, a link, "more like this", "why" and rating buttons. Buttons are Action.Submit whose data
 * carries the TurnAction under `veileder`; Teams posts it back as the message activity's `value`.
 */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.4';
  body: unknown[];
  actions?: unknown[];
};

export const submitData = (action: TurnAction) => ({ veileder: action });

const submit = (title: string, action: TurnAction) => ({ type: 'Action.Submit', title, data: submitData(action) });

function suggestionsCard(reply: Reply): AdaptiveCard {
  const text = channelText(reply.language);
  const body = reply.suggestions.map((suggestion, index) => ({
    type: 'Container',
    separator: index > 0,
    spacing: 'Medium',
    items: [
      // A no-break space after the number: "1. " would start a Markdown list, and every card would read "1.".
      {
        type: 'TextBlock',
        text: `${index + 1}.\u00A0${escapeCardMarkdown(suggestion.title)}`,
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: escapeCardMarkdown(suggestionFacts(suggestion, reply.language)),
        isSubtle: true,
        spacing: 'None',
        wrap: true,
      },
      { type: 'TextBlock', text: escapeCardMarkdown(suggestion.reason), wrap: true },
      {
        type: 'ActionSet',
        actions: [
          ...(isWebUrl(suggestion.url) ? [{ type: 'Action.OpenUrl', title: text.open, url: suggestion.url }] : []),
          submit(text.moreLike, { type: 'more_like', offeringId: suggestion.offeringId }),
          submit(text.why, { type: 'why', offeringId: suggestion.offeringId }),
          submit(text.useful, { type: 'rate', offeringId: suggestion.offeringId, score: 5 }),
          submit(text.notUseful, { type: 'rate', offeringId: suggestion.offeringId, score: 1 }),
        ],
      },
    ],
  }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    ...replyActions(actionsBesideSuggestions(reply)),
  };
}

/** The reply's own buttons ("show now", "start over", …) as a card of their own when there are no suggestions. */
function actionsCard(actions: ReplyAction[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [],
    ...replyActions(actions),
  };
}

function replyActions(actions: ReplyAction[] | undefined): { actions?: unknown[] } {
  return actions && actions.length > 0 ? { actions: actions.map((action) => submit(action.label, action.action)) } : {};
}

/**
 * A Bot Framework message activity's content for a Reply (Teams, Direct Line): text plus a card when there are
 * buttons. `Reply.text` is plain text holding titles from feeds; as `plain` Teams shows it as written instead
 * of reading it as Markdown (where `[label](url)` in a title would be a link).
 */
export function replyMessage(reply: Reply): {
  text: string;
  textFormat: 'plain';
  attachments?: { contentType: string; content: AdaptiveCard }[];
} {
  const card =
    reply.suggestions.length > 0
      ? suggestionsCard(reply)
      : reply.actions && reply.actions.length > 0
        ? actionsCard(reply.actions)
        : undefined;
  if (!card) return { text: reply.text, textFormat: 'plain' };
  return {
    text: reply.suggestions.length > 0 ? textBesideSuggestions(reply) : reply.text,
    textFormat: 'plain',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

/** What a card button posts back: `{ veileder: TurnAction }` as the activity's value. */
export const cardSubmitSchema = z.object({ veileder: turnActionSchema });
