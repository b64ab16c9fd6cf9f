import type { types } from '@slack/bolt';
import type { Reply, ReplyAction, TurnAction } from '../../src/dialogue/turn.js';
import { channelText } from '../channels/channel-text.js';
import { actionsBesideSuggestions, suggestionFacts, textBesideSuggestions } from '../channels/reply-parts.js';

/**
 * A Reply as Block Kit: the text, one section per suggestion (title linked, facts, reason) with buttons for
 * "more like this", "why" and a rating. Each button's `value` is the TurnAction as JSON; action ids start
 * with "veileder" so one listener takes them all.
 */
export type Block = types.KnownBlock;

export const actionIdPrefix = 'veileder';

const button = (label: string, action: TurnAction, actionId: string, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text: label, emoji: true },
  action_id: actionId,
  value: JSON.stringify(action),
  ...(style ? { style } : {}),
});

/** Slack's mrkdwn gives &, < and > meaning; data from feeds must not. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function replyBlocks(reply: Reply): Block[] {
  const text = channelText(reply.language);
  const blocks: Block[] = [];
  const lead = textBesideSuggestions(reply);
  if (lead) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(lead).slice(0, 3000) } });
  reply.suggestions.forEach((suggestion, index) => {
    const title = escapeMrkdwn(suggestion.title);
    const heading = suggestion.url ? `*${index + 1}. <${suggestion.url}|${title}>*` : `*${index + 1}. ${title}*`;
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${escapeMrkdwn(suggestionFacts(suggestion, reply.language))}\n_${escapeMrkdwn(suggestion.reason)}_` } });
    blocks.push({
      type: 'actions',
      block_id: `${actionIdPrefix}-suggestion-${index + 1}`,
      elements: [
        button(text.moreLike, { type: 'more_like', offeringId: suggestion.offeringId }, `${actionIdPrefix}:more_like:${index}`),
        button(text.why, { type: 'why', offeringId: suggestion.offeringId }, `${actionIdPrefix}:why:${index}`),
        button(text.useful, { type: 'rate', offeringId: suggestion.offeringId, score: 5 }, `${actionIdPrefix}:rate_up:${index}`, 'primary'),
        button(text.notUseful, { type: 'rate', offeringId: suggestion.offeringId, score: 1 }, `${actionIdPrefix}:rate_down:${index}`),
      ],
    });
  });
  const actions = actionsBesideSuggestions(reply);
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions.map((action, index) => replyActionButton(action, index)) });
  return blocks;
}

function replyActionButton(action: ReplyAction, index: number) {
  return button(action.label, action.action, `${actionIdPrefix}:reply:${index}`);
}
