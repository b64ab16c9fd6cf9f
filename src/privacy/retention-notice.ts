import type { Language } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';

/** The sentence saying how long conversations are kept, for the consent notice: honest about "forever" too. */
export function retentionSentence(options: {
  templates: ReplyTemplates;
  language: Language;
  retentionDays: number | undefined;
}): string {
  const { templates, language, retentionDays } = options;
  return retentionDays && retentionDays > 0
    ? templates.text(language, 'retention_days', { days: retentionDays })
    : templates.text(language, 'retention_kept');
}
