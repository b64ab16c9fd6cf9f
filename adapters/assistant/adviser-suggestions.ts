import { createAdviserSuggestionsExtension } from '../../src/advisers/adviser-suggestions-extension.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { createAdviserChangeStore } from '../storage/adviser-change-store.js';
import type { Database } from '../storage/database.js';
import { promptsDirectory } from './create-assistant.js';

/** The adviser-suggestions extension on the stored reviews, with the shipped reply templates. */
export async function createAdviserSuggestions(services: { database: Database }): Promise<DialogueExtension> {
  return createAdviserSuggestionsExtension({
    source: createAdviserChangeStore({ pool: services.database.pool }),
    templates: await loadReplyTemplates({ directory: promptsDirectory }),
  });
}
