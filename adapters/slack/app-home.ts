import type { types } from '@slack/bolt';
import { profileSchema, type Profile } from '../../src/profile/profile.js';
import type { LearnerOverview, OverviewOffering } from '../storage/channel-identity-store.js';
import { escapeMrkdwn, type Block } from './block-kit.js';

/**
 * The App Home tab: what Veileder knows about the learner (the stored profile), the offerings they rated
 * well and the latest suggestions. Read-only: changing anything happens in the conversation.
 */
export function homeView(overview: LearnerOverview | undefined): types.HomeView {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Veileder' } }];
  if (!overview) {
    blocks.push(section('Hei! Skriv til meg under *Meldinger* og fortell hva du jobber med og hva du vil lære, så finner jeg kurs og utdanning som passer deg.'));
    return { type: 'home', blocks };
  }
  const profile = profileSchema.safeParse(overview.profile ?? {});
  const facts = profile.success ? profileFacts(profile.data) : [];
  blocks.push(section(`*Dette vet jeg om deg*\n${facts.length > 0 ? facts.map((fact) => `• ${escapeMrkdwn(fact)}`).join('\n') : 'Ingenting ennå.'}`));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Skriv «hva vet du om meg», «begynn på nytt» eller «glem meg» i en melding for å se, endre eller slette det.' }] });
  if (overview.liked.length > 0) blocks.push({ type: 'divider' }, section(`*Lagret (vurdert som nyttig)*\n${offeringLines(overview.liked)}`));
  if (overview.lastSuggestions.length > 0) blocks.push({ type: 'divider' }, section(`*Siste forslag*\n${offeringLines(overview.lastSuggestions)}`));
  return { type: 'home', blocks };
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } };
}

function offeringLines(offerings: OverviewOffering[]): string {
  return offerings
    .map((offering) => {
      const title = escapeMrkdwn(offering.title);
      return `• ${offering.url ? `<${offering.url}|${title}>` : title} – ${escapeMrkdwn(offering.provider)}`;
    })
    .join('\n');
}

function profileFacts(profile: Profile): string[] {
  const facts: string[] = [];
  if (profile.occupation) facts.push(`Jobb: ${profile.occupation.label ?? profile.occupation.text}`);
  if (profile.goals.length > 0) facts.push(`Mål: ${profile.goals.join(', ')}`);
  if (profile.topics.length > 0) facts.push(`Vil lære: ${profile.topics.join(', ')}`);
  if (profile.time?.hoursPerWeek) facts.push(`Tid: ${profile.time.hoursPerWeek} timer i uka`);
  if (profile.places.length > 0) facts.push(`Sted: ${profile.places.join(', ')}`);
  if (profile.modes.length > 0) facts.push(`Form: ${profile.modes.join(', ')}`);
  if (profile.budget?.free) facts.push('Bare gratis tilbud');
  else if (profile.budget?.maxNok) facts.push(`Inntil ${profile.budget.maxNok} kr`);
  if (profile.accreditedOnly) facts.push('Bare akkrediterte tilbydere');
  return facts;
}
