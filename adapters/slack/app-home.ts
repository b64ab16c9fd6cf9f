import type { types } from '@slack/bolt';
import { describeProfile } from '../../src/dialogue/describe-profile.js';
import { languageSchema, profileSchema, type Language } from '../../src/profile/profile.js';
import type { ReplyTemplates } from '../../src/prompts/reply-templates.js';
import type { LearnerOverview, OverviewOffering } from '../storage/channel-identity-store.js';
import { sectionBlocks, type Block } from './block-kit.js';
import type { MrkdwnLine } from './mrkdwn.js';

/**
 * The App Home tab: what Veileder knows about the learner (the stored profile, worded by the assistant's own
 * templates), the offerings they rated well and the latest suggestions, in the language of their latest
 * conversation. Read-only: changing anything happens in the conversation.
 */
const words: Record<
  Language,
  { hello: string; known: string; nothing: string; manage: string; liked: string; latest: string }
> = {
  nb: {
    hello:
      'Hei! Skriv til meg under *Meldinger* og fortell hva du jobber med og hva du vil lære, så finner jeg kurs og utdanning som passer deg.',
    known: 'Dette vet jeg om deg',
    nothing: 'Ingenting ennå.',
    manage:
      'Skriv «hva vet du om meg», «begynn på nytt» eller «glem meg» i en melding for å se, endre eller slette det. «koble» tar profilen med til nettchatten eller Teams.',
    liked: 'Lagret (vurdert som nyttig)',
    latest: 'Siste forslag',
  },
  nn: {
    hello:
      'Hei! Skriv til meg under *Meldingar* og fortel kva du jobbar med og kva du vil lære, så finn eg kurs og utdanning som passar deg.',
    known: 'Dette veit eg om deg',
    nothing: 'Ingenting enno.',
    manage:
      'Skriv «kva veit du om meg», «byrja på nytt» eller «gløym meg» i ei melding for å sjå, endre eller slette det. «kople» tek profilen med til nettchatten eller Teams.',
    liked: 'Lagra (vurdert som nyttig)',
    latest: 'Siste forslag',
  },
  en: {
    hello:
      'Hi! Write to me under *Messages* and tell me what you work with and what you want to learn, and I will find courses and education that suit you.',
    known: 'What I know about you',
    nothing: 'Nothing yet.',
    manage:
      'Write "what do you know about me", "start over" or "forget me" in a message to see, change or delete it. "link" brings your profile to the web chat or Teams.',
    liked: 'Saved (rated useful)',
    latest: 'Latest suggestions',
  },
};

export function homeView(options: {
  overview: LearnerOverview | undefined;
  templates: ReplyTemplates;
}): types.HomeView {
  const { overview } = options;
  const language = languageSchema.catch('nb').parse(overview?.language ?? 'nb');
  const text = words[language];
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Veileder' } }];
  if (!overview) {
    blocks.push(...sectionBlocks([{ parts: [text.hello] }]));
    return { type: 'home', blocks };
  }
  const profile = profileSchema.safeParse(overview.profile ?? {});
  const facts = profile.success
    ? describeProfile({ profile: profile.data, language, templates: options.templates })
    : [];
  blocks.push(
    ...sectionBlocks([
      { style: 'bold', parts: [text.known] },
      ...(facts.length > 0 ? facts.map((fact) => ({ parts: [`• ${fact}`] })) : [{ parts: [text.nothing] }]),
    ]),
  );
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: text.manage }] });
  if (overview.liked.length > 0)
    blocks.push(
      { type: 'divider' },
      ...sectionBlocks([{ style: 'bold', parts: [text.liked] }, ...offeringLines(overview.liked)]),
    );
  if (overview.lastSuggestions.length > 0)
    blocks.push(
      { type: 'divider' },
      ...sectionBlocks([{ style: 'bold', parts: [text.latest] }, ...offeringLines(overview.lastSuggestions)]),
    );
  return { type: 'home', blocks };
}

function offeringLines(offerings: OverviewOffering[]): MrkdwnLine[] {
  return offerings.map((offering) => ({
    parts: ['• ', { url: offering.url, label: offering.title }, ` – ${offering.provider}`],
  }));
}
