import type { TurnAction } from '../../src/dialogue/turn.js';
import type { Language } from '../../src/profile/profile.js';
import { localise, type StoredMessagePayload } from '../../src/push/learner-message.js';
import { itemLine, pushExtensionName } from '../../src/push/push-extension.js';
import { pushTexts } from '../../src/push/push-texts.js';
import { submitData, type AdaptiveCard } from '../channels/adaptive-card.js';
import { cardLink, escapeCardMarkdown } from '../channels/card-markdown.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import { plainLines, sectionBlocks, splitMessages, type Block, type SlackMessage } from '../slack/block-kit.js';

/**
 * A push message in each channel's own form: for Teams the lead as plain text above an Adaptive Card of the
 * items (the card does not repeat the lead, the text does not repeat the items), for Slack Block Kit. Every
 * item carries its reason; a digest always carries its one-action unsubscribe — a button that is an ordinary
 * turn answered by the push extension, and the signed link.
 */
export type RenderedMessage = {
  teams: { text: string; card: AdaptiveCard };
  /** Usually one message; more when the blocks pass Slack's 50 per message. */
  slack: SlackMessage[];
};

type Button = { label: string; action: TurnAction };

export function renderMessage(options: {
  kind: string;
  payload: StoredMessagePayload;
  language: Language;
  unsubscribeUrl: string | undefined;
}): RenderedMessage {
  const { payload, language } = options;
  const texts = pushTexts[language];
  const lead = localise(payload.text, language);
  const buttons: Button[] = payload.buttons.map((button) => ({
    label: localise(button.label, language),
    action: {
      type: 'extension',
      extension: button.extension,
      command: button.command,
      ...(button.data ? { data: button.data } : {}),
    },
  }));
  const isDigest = options.kind === 'digest';
  if (isDigest)
    buttons.push({
      label: texts.unsubscribe,
      action: { type: 'extension', extension: pushExtensionName, command: 'unsubscribe' },
    });
  const unsubscribeUrl = isDigest ? options.unsubscribeUrl : undefined;
  const reasonOf = (item: StoredMessagePayload['items'][number]) =>
    item.reason ? `${texts.why}: ${localise(item.reason, language)}` : undefined;

  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: payload.items.map((item, index) => ({
      type: 'Container',
      separator: index > 0,
      items: [
        { type: 'TextBlock', text: cardLink(item.title, item.url), weight: 'Bolder', wrap: true },
        ...(item.provider
          ? [
              {
                type: 'TextBlock',
                text: escapeCardMarkdown(item.provider),
                isSubtle: true,
                spacing: 'None',
                wrap: true,
              },
            ]
          : []),
        ...(item.reason ? [{ type: 'TextBlock', text: escapeCardMarkdown(reasonOf(item)!), wrap: true }] : []),
      ],
    })),
    actions: [
      ...buttons.map((button) => ({ type: 'Action.Submit', title: button.label, data: submitData(button.action) })),
      ...(unsubscribeUrl ? [{ type: 'Action.OpenUrl', title: texts.unsubscribeLink, url: unsubscribeUrl }] : []),
    ],
  };

  const groups: Block[][] = [sectionBlocks(plainLines(lead).map((line) => ({ ...line, style: 'bold' as const })))];
  for (const item of payload.items) {
    const reason = reasonOf(item);
    groups.push(
      sectionBlocks([
        { style: 'bold', parts: [{ url: item.url ?? null, label: item.title }] },
        ...(item.provider ? [{ parts: [item.provider] }] : []),
        ...(reason ? [{ style: 'italic' as const, parts: [reason] }] : []),
      ]),
    );
  }
  const elements = [
    ...buttons.map((button, index) => ({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: button.label },
      action_id: `veileder:push:${index}`,
      value: JSON.stringify(button.action),
    })),
    ...(unsubscribeUrl
      ? [
          {
            type: 'button' as const,
            text: { type: 'plain_text' as const, text: texts.unsubscribeLink },
            action_id: 'veileder:push:link',
            url: unsubscribeUrl,
          },
        ]
      : []),
  ];
  if (elements.length > 0) groups.push([{ type: 'actions', elements }]);
  // Slack shows `text` only in notifications, so there it may list the items the blocks show.
  const text = [
    lead,
    ...payload.items.map((item) => itemLine(item, language, texts.why)),
    ...(unsubscribeUrl ? [`${texts.unsubscribeLink}: ${unsubscribeUrl}`] : []),
  ].join('\n');
  return { teams: { text: lead, card }, slack: splitMessages({ text: escapeMrkdwn(text), groups }) };
}
