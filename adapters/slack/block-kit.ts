import type { types } from '@slack/bolt';
import type { Reply, ReplyAction, TurnAction } from '../../src/dialogue/turn.js';
import { channelText } from '../channels/channel-text.js';
import { actionsBesideSuggestions, suggestionFacts, textBesideSuggestions } from '../channels/reply-parts.js';
import { blocksPerMessage, escapeMrkdwn, mrkdwnSections, type MrkdwnLine } from './mrkdwn.js';

/**
 * A Reply as Block Kit: the text, one section per suggestion (title linked, facts, reason) with buttons for
 * "more like this", "why" and a rating. Each button's `value` is the TurnAction as JSON; action ids start
 * with "veileder" so one listener takes them all.
 */
export type Block = types.KnownBlock;

/** What chat.postMessage takes: `text` is the notification and screen-reader fallback for the blocks. */
export type SlackMessage = { text: string; blocks: Block[] };

export const actionIdPrefix = 'veileder';

const button = (label: string, action: TurnAction, actionId: string, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text: label, emoji: true },
  action_id: actionId,
  value: JSON.stringify(action),
  ...(style ? { style } : {}),
});

const sectionBlock = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Lines as sections, each within Slack's size limit. */
export const sectionBlocks = (lines: MrkdwnLine[]): Block[] => mrkdwnSections(lines).map(sectionBlock);

/** Plain text (the assistant's own answer) as lines of mrkdwn. */
export const plainLines = (text: string): MrkdwnLine[] => text.split('\n').map((line) => ({ parts: [line] }));

/** A reply as one message, or several when its blocks pass Slack's 50 per message. */
export function replyMessages(reply: Reply): SlackMessage[] {
  const text = channelText(reply.language);
  const groups: Block[][] = [];
  const lead = textBesideSuggestions(reply);
  if (lead) groups.push(...sectionBlocks(plainLines(lead)).map((block) => [block]));
  reply.suggestions.forEach((suggestion, index) => {
    const lines: MrkdwnLine[] = [
      { style: 'bold', parts: [`${index + 1}. `, { url: suggestion.url, label: suggestion.title }] },
      { parts: [suggestionFacts(suggestion, reply.language)] },
      { style: 'italic', parts: [suggestion.reason] },
    ];
    groups.push([
      { type: 'divider' },
      ...sectionBlocks(lines),
      {
        type: 'actions',
        block_id: `${actionIdPrefix}-suggestion-${index + 1}`,
        elements: [
          button(
            text.moreLike,
            { type: 'more_like', offeringId: suggestion.offeringId },
            `${actionIdPrefix}:more_like:${index}`,
          ),
          button(text.why, { type: 'why', offeringId: suggestion.offeringId }, `${actionIdPrefix}:why:${index}`),
          button(
            text.useful,
            { type: 'rate', offeringId: suggestion.offeringId, score: 5 },
            `${actionIdPrefix}:rate_up:${index}`,
            'primary',
          ),
          button(
            text.notUseful,
            { type: 'rate', offeringId: suggestion.offeringId, score: 1 },
            `${actionIdPrefix}:rate_down:${index}`,
          ),
        ],
      },
    ]);
  });
  const actions = actionsBesideSuggestions(reply);
  if (actions.length > 0)
    groups.push([{ type: 'actions', elements: actions.map((action, index) => replyActionButton(action, index)) }]);
  return splitMessages({ text: escapeMrkdwn(reply.text), groups });
}

/**
 * Blocks over as many messages as Slack's 50-block limit needs, keeping each group (a suggestion with its
 * buttons) in one message. Every message after the first is notified by its own first section.
 */
export function splitMessages(options: { text: string; groups: Block[][] }): SlackMessage[] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  for (const group of options.groups) {
    if (current.length > 0 && current.length + group.length > blocksPerMessage) {
      messages.push(current);
      current = [];
    }
    for (let start = 0; start < group.length; start += blocksPerMessage) {
      const part = group.slice(start, start + blocksPerMessage);
      if (current.length + part.length > blocksPerMessage) {
        messages.push(current);
        current = [];
      }
      current.push(...part);
    }
  }
  if (current.length > 0 || messages.length === 0) messages.push(current);
  return messages.map((blocks, index) => ({
    text: index === 0 ? options.text : (firstSectionText(blocks) ?? options.text),
    blocks,
  }));
}

function firstSectionText(blocks: Block[]): string | undefined {
  for (const block of blocks) if (block.type === 'section' && block.text) return block.text.text;
  return undefined;
}

function replyActionButton(action: ReplyAction, index: number) {
  return button(action.label, action.action, `${actionIdPrefix}:reply:${index}`);
}
