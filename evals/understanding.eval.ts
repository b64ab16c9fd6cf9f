import { readTaxonomySeedFile } from '../adapters/storage/taxonomy-sources.js';
import { promptsDirectory } from '../adapters/assistant/create-assistant.js';
import { createOpenAiChatModel } from '../adapters/llm/openai-chat-model.js';
import { loadConfiguration } from '../adapters/configuration.js';
import { emptyProfile } from '../src/profile/profile.js';
import { loadPromptLibrary } from '../src/prompts/prompt-library.js';
import { createOccupationLookup } from '../src/taxonomy/occupation-lookup.js';
import { createExtractedProfileExtractor } from '../src/understanding/extracted-profile-update.js';
import { createLocalUnderstander } from '../src/understanding/local-understanding.js';
import { createModelUnderstander } from '../src/understanding/model-understanding.js';
import type { UnderstandRequest } from '../src/understanding/understanding.js';
import { fixtureMistakes } from '../tests/understanding/score-understanding.js';
import { understandingFixtures } from '../tests/understanding/understanding-fixtures.js';

/**
 * npm run eval:understanding — both understanding implementations on the same fixtures
 * (tests/understanding/understanding-fixtures.ts): the local reader always, the model when
 * OPENAI_BASE_URL and VEILEDER_CHAT_MODEL name one. Prints accuracy per implementation and each miss.
 */
const configuration = loadConfiguration();
const taxonomy = await readTaxonomySeedFile();
const lookup = createOccupationLookup(taxonomy);
const local = createLocalUnderstander({
  extractProfile: createExtractedProfileExtractor({
    occupationLookup: { findOccupation: (text) => lookup.find(text, { limit: 1 })[0] },
  }),
});
const prompts = await loadPromptLibrary({ directory: promptsDirectory, names: ['understand'] });
const { baseUrl, chatModel, apiKey } = configuration.openai;
const model =
  baseUrl && chatModel
    ? createModelUnderstander({
        model: createOpenAiChatModel({ baseUrl, apiKey, model: chatModel, ...configuration.chat }),
        prompt: prompts.get('understand'),
      })
    : undefined;

const requestOf = (fixture: (typeof understandingFixtures)[number]): UnderstandRequest => ({
  message: fixture.message,
  language: fixture.language,
  profile: emptyProfile(),
  pendingQuestion: fixture.pendingQuestion ?? null,
  shownCount: fixture.shownCount ?? 0,
});

for (const [name, understand] of [
  ['local', async (request: UnderstandRequest) => local.understand(request)],
  ...(model
    ? [
        [
          `model ${chatModel}`,
          async (request: UnderstandRequest) => {
            const reading = await model.understandWithModel(request);
            if (!reading.ok) throw new Error(reading.reason);
            return reading.outcome;
          },
        ] as const,
      ]
    : []),
] as const) {
  let right = 0;
  const misses: string[] = [];
  for (const fixture of understandingFixtures) {
    try {
      const mistakes = fixtureMistakes({ fixture, understanding: await understand(requestOf(fixture)) });
      if (mistakes.length === 0) right += 1;
      else misses.push(`  ${JSON.stringify(fixture.message)}: ${mistakes.join('; ')}`);
    } catch (error) {
      misses.push(`  ${JSON.stringify(fixture.message)}: failed (${(error as Error).message})`);
    }
  }
  console.log(
    `${name}: ${right}/${understandingFixtures.length} fixtures fully right (${((100 * right) / understandingFixtures.length).toFixed(0)} %)`,
  );
  if (misses.length) console.log(misses.join('\n'));
}
if (!model)
  console.log(
    'model: not configured (set OPENAI_BASE_URL and VEILEDER_CHAT_MODEL to evaluate it on the same fixtures)',
  );
