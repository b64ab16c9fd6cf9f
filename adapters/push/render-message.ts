import type { TurnAction } from '../../src/dialogue/turn.js';
import type { Language } from '../../src/profile/profile.js';
import { localise, type StoredMessagePayload } from '../../src/push/learner-message.js';
import { itemLine, pushExtensionName } from '../../src/push/push-extension.js';
import { pushTexts } from '../../src/push/push-texts.js';
import { submitData, type AdaptiveCard } from '../channels/adaptive-card.js';
import type { Block } from '../slack/block-kit.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';

/**
 * A push message in each channel's own form: plain text (web notice, notification preview), an Adaptive
 * Card for Teams, Block Kit for Slack. Every item carries its reason; a digest always carries its one-action
 * unsubscribe — a button that is an ordinary turn answered by the push extension, and the signed link.
 */
export type RenderedMessage = { text: string; card: AdaptiveCard; blocks: Block[] };

type Button = { label: string; action: TurnAction };

export function renderMessage(options: { kind: string; payload: StoredMessagePayload; language: Language; unsubscribeUrl: string | undefined }): RenderedMessage {
  const { payload, language } = options;
  const texts = pushTexts[language];
  const lead = localise(payload.text, language);
  const buttons: Button[] = payload.buttons.map((button) => ({ label: localise(button.label, language), action: { type: 'extension', extension: button.extension, command: button.command, ...(button.data ? { data: button.data } : {}) } }));
  const isDigest = options.kind === 'digest';
  if (isDigest) buttons.push({ label: texts.unsubscribe, action: { type: 'extension', extension: pushExtensionName, command: 'unsubscribe' } });
  const unsubscribeUrl = isDigest ? options.unsubscribeUrl : undefined;

  const text = [lead, ...payload.items.map((item) => itemLine(item, language, texts.why)), ...(unsubscribeUrl ? [`${texts.unsubscribeLink}: ${unsubscribeUrl}`] : [])].join('\n');

  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: lead, weight: 'Bolder', wrap: true },
      ...payload.items.map((item, index) => ({
        type: 'Container',
        separator: index > 0,
        items: [
          { type: 'TextBlock', text: item.url ? `[${item.title}](${item.url})` : item.title, weight: 'Bolder', wrap: true },
          ...(item.provider ? [{ type: 'TextBlock', text: item.provider, isSubtle: true, spacing: 'None', wrap: true }] : []),
          ...(item.reason ? [{ type: 'TextBlock', text: `${texts.why}: ${localise(item.reason, language)}`, wrap: true }] : []),
        ],
      })),
    ],
    actions: [
      ...buttons.map((button) => ({ type: 'Action.Submit', title: button.label, data: submitData(button.action) })),
      ...(unsubscribeUrl ? [{ type: 'Action.OpenUrl', title: texts.unsubscribeLink, url: unsubscribeUrl }] : []),
    ],
  };

  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(lead)}*`.slice(0, 3000) } }];
  for (const item of payload.items) {
    const title = escapeMrkdwn(item.title);
    const heading = item.url ? `*<${item.url}|${title}>*` : `*${title}*`;
    const lines = [heading, ...(item.provider ? [escapeMrkdwn(item.provider)] : []), ...(item.reason ? [`_${texts.why}: ${escapeMrkdwn(localise(item.reason, language))}_`] : [])];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } });
  }
  const elements = [
    ...buttons.map((button, index) => ({ type: 'button' as const, text: { type: 'plain_text' as const, text: button.label }, action_id: `veileder:push:${index}`, value: JSON.stringify(button.action) })),
    ...(unsubscribeUrl ? [{ type: 'button' as const, text: { type: 'plain_text' as const, text: texts.unsubscribeLink }, action_id: 'veileder:push:link', url: unsubscribeUrl }] : []),
  ];
  if (elements.length > 0) blocks.push({ type: 'actions', elements });
  return { text, card, blocks };
}
