import type { Language, Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import { listText } from './present-offering.js';

/** What Veileder knows about the learner, as a list of short facts in their language ("what do you know about me?"). */
export function describeProfile(options: {
  profile: Profile;
  language: Language;
  templates: ReplyTemplates;
}): string[] {
  const { profile, language, templates } = options;
  const list = (items: string[]) => listText(items, language, templates);
  const facts: string[] = [];
  if (profile.occupation)
    facts.push(
      templates.text(language, 'fact_occupation', {
        value: profile.occupation.label
          ? `${profile.occupation.text} (${profile.occupation.label})`
          : profile.occupation.text,
      }),
    );
  if (profile.goals.length > 0) facts.push(templates.text(language, 'fact_goals', { value: list(profile.goals) }));
  if (profile.topics.length > 0) facts.push(templates.text(language, 'fact_topics', { value: list(profile.topics) }));
  if (profile.time?.hoursPerWeek !== undefined)
    facts.push(templates.text(language, 'fact_hours', { value: profile.time.hoursPerWeek }));
  if (profile.time?.partTime) facts.push(templates.text(language, 'fact_part_time'));
  if (profile.time?.evenings) facts.push(templates.text(language, 'fact_evenings'));
  if (profile.time?.weekends) facts.push(templates.text(language, 'fact_weekends'));
  if (profile.budget?.free) facts.push(templates.text(language, 'fact_free'));
  if (profile.budget?.maxNok !== undefined)
    facts.push(templates.text(language, 'fact_max_price', { value: profile.budget.maxNok }));
  const modes = profile.modes.filter((mode) => mode !== 'unknown');
  if (modes.length > 0)
    facts.push(
      templates.text(language, 'fact_modes', {
        value: list(modes.map((mode) => templates.text(language, `mode_${mode}`))),
      }),
    );
  if (profile.places.length > 0) facts.push(templates.text(language, 'fact_places', { value: list(profile.places) }));
  if (profile.levels.length > 0)
    facts.push(
      templates.text(language, 'fact_levels', {
        value: list(profile.levels.map((level) => templates.text(language, `level_${level}`))),
      }),
    );
  if (profile.accreditedOnly) facts.push(templates.text(language, 'fact_accredited'));
  const wishes = profile.wishes;
  // Each kind of wish on its own, so a change to one ("helst Bergen") reads as that change alone.
  const wishedKinds = [
    wishes?.places ?? [],
    (wishes?.modes ?? []).filter((mode) => mode !== 'unknown').map((mode) => templates.text(language, `mode_${mode}`)),
    (wishes?.levels ?? []).map((level) => templates.text(language, `level_${level}`)),
  ];
  for (const wished of wishedKinds)
    if (wished.length > 0) facts.push(templates.text(language, 'fact_preferred', { value: list(wished) }));
  const avoided = [
    ...profile.avoid,
    ...profile.avoidPlaces,
    ...profile.avoidModes.filter((mode) => mode !== 'unknown').map((mode) => templates.text(language, `mode_${mode}`)),
    ...profile.avoidLevels.map((level) => templates.text(language, `level_${level}`)),
  ];
  if (avoided.length > 0) facts.push(templates.text(language, 'fact_avoid', { value: list(avoided) }));
  return facts;
}
