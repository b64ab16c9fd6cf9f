/**
 * A gap said plainly: the skills no offering in the catalogue teaches, named as such — never softened into a
 * nearest neighbour. One sentence for the team plan, the workspace and the learner's chat.
 */

export type GapLanguage = 'nb' | 'nn' | 'en';

const quoted = (labels: string[], and: string) => {
  const names = labels.map((label) => `«${label}»`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}` : (names[0] ?? '');
};

export function gapSentence(options: { labels: string[]; language: GapLanguage }): string {
  const { labels, language } = options;
  if (!labels.length) return '';
  if (language === 'en')
    return `No offering in the catalogue teaches ${labels.map((label) => `“${label}”`).join(', ')}.`;
  return language === 'nn'
    ? `Ingen tilbod i katalogen lærer bort ${quoted(labels, 'eller')}.`
    : `Ingen tilbud i katalogen lærer bort ${quoted(labels, 'eller')}.`;
}
