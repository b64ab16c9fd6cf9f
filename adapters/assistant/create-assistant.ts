import { fileURLToPath } from 'node:url';
import type { Configuration } from '../configuration.js';
import { createModelComposer } from '../../src/dialogue/compose-with-model.js';
import type { ConversationStore } from '../../src/dialogue/conversation-store.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { createDialogue, type Dialogue } from '../../src/dialogue/handle-turn.js';
import type { ChatModel } from '../../src/model/chat-model.js';
import { loadPromptLibrary } from '../../src/prompts/prompt-library.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import type { OccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import { createExtractedProfileExtractor } from '../../src/understanding/extracted-profile-update.js';
import { createLocalUnderstander } from '../../src/understanding/local-understanding.js';
import { createModelUnderstander } from '../../src/understanding/model-understanding.js';
import { withFallback } from '../../src/understanding/with-fallback.js';
import { createOpenAiChatModel } from '../llm/openai-chat-model.js';

/**
 * Composes the assistant: the given memory (PostgreSQL, or in memory), the given recommender, local understanding (with the taxonomy's
 * occupation lookup when one is given) and — when an OpenAI-compatible model is configured — model
 * understanding and model-worded replies, each falling back to the local path. Prompts load (and are
 * validated) here, at startup.
 */

export const promptsDirectory = fileURLToPath(new URL('../../prompts', import.meta.url));

export type CreateAssistantOptions = {
  /** Its memory: adapters/storage/conversation-store.ts (PostgreSQL) or memory-conversation-store.ts. */
  store: ConversationStore;
  configuration: Pick<Configuration, 'openai' | 'chat'>;
  recommender: Recommender;
  providerNames?: string[];
  /** STYRK-08 groups named in what the learner says; without it the interview keeps the role as written. */
  occupations?: OccupationLookup;
  /** A ready model (tests); default: built from the configuration when it names a base URL and a chat model. */
  chatModel?: ChatModel;
  /** Backoff for the model's retries; tests shorten it. */
  backoffBaseMs?: number;
  directory?: string;
  /** Features that talk beside the interview: adviser changes, notifications, exports (src/dialogue/extensions.ts). */
  extensions?: DialogueExtension[];
  /** The retention period told in the consent notice (configuration.privacy.retentionDays); unset = kept until deleted. */
  retentionDays?: number;
};

export type Assistant = Dialogue & { modelName: string | null };

export async function createAssistant(options: CreateAssistantOptions): Promise<Assistant> {
  const directory = options.directory ?? promptsDirectory;
  const templates = await loadReplyTemplates({ directory });
  const prompts = await loadPromptLibrary({ directory, names: ['understand', 'compose'] });
  const local = createLocalUnderstander({
    extractProfile: createExtractedProfileExtractor({ occupationLookup: options.occupations }),
  });
  const model = options.chatModel ?? modelFromConfiguration(options);
  const dialogue = createDialogue({
    store: options.store,
    recommender: options.recommender,
    understander: withFallback({
      model: model ? createModelUnderstander({ model, prompt: prompts.get('understand') }) : undefined,
      local,
    }),
    templates,
    ...(model ? { composer: createModelComposer({ model, prompt: prompts.get('compose') }) } : {}),
    knownProviders: options.providerNames ?? [],
    extensions: options.extensions ?? [],
    ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
  });
  return { ...dialogue, modelName: model?.name ?? null };
}

function modelFromConfiguration(options: CreateAssistantOptions): ChatModel | undefined {
  const { openai, chat } = options.configuration;
  if (!openai.baseUrl || !openai.chatModel) return undefined;
  return createOpenAiChatModel({
    baseUrl: openai.baseUrl,
    apiKey: openai.apiKey,
    model: openai.chatModel,
    timeoutMs: chat.timeoutMs,
    maxRetries: chat.maxRetries,
    structuredOutputMethod: chat.structuredOutputMethod,
    promptUsdPerMillion: chat.promptUsdPerMillion,
    completionUsdPerMillion: chat.completionUsdPerMillion,
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  });
}
