import type { Configuration } from '../configuration.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Recommender } from '../../src/retrieval/recommender.js';
import type { OccupationLookup } from '../../src/taxonomy/occupation-lookup.js';
import type { Logger } from '../logging.js';
import type { Database } from '../storage/database.js';
import { createAdviserSuggestions } from './adviser-suggestions.js';
import { createCredentialsWallet } from './credentials-wallet.js';
import { createJobLearning } from './job-learning.js';
import { createOrganisationChat } from './organisation-chat.js';
import { createPushExtension, pushExtensionName } from '../../src/push/push-extension.js';
import { createSubscriptionStore, noticesWaiting } from '../push/subscription-store.js';
import { adviserSuggestionsExtensionName } from '../../src/advisers/adviser-suggestions-extension.js';
import { organisationsExtensionName } from '../../src/organisations/assign-offering.js';
import { unseenChangesWaiting } from '../storage/adviser-change-store.js';
import type { WaitingProbes } from '../storage/conversation-store.js';
import { setupWaiting } from '../storage/organisation-setup-store.js';
import { createDataExport } from './data-export.js';
import { createLearnerLinking } from '../../src/identity/link-learners.js';
import { createLearnerLinkStore } from '../storage/learner-link-store.js';

/**
 * Every dialogue extension the assistant runs (src/dialogue/extensions.ts), served and in `veileder chat`
 * alike, in the order they are consulted on a turn. Add a feature that talks in the chat with one line here.
 */
export type ExtensionServices = {
  database: Database;
  configuration: Configuration;
  log: Logger;
  recommender: Recommender;
  /** The one occupation lookup of the process (src/taxonomy/occupation-lookup.ts), shared with the interview. */
  occupations: OccupationLookup;
};

/**
 * How the turn's first statement sees what waits for the extensions that would otherwise look on every turn
 * (createConversationStore's `waiting`): a turn with nothing waiting makes no round trip for them.
 */
export const extensionWaiting: WaitingProbes = {
  [adviserSuggestionsExtensionName]: unseenChangesWaiting,
  [pushExtensionName]: noticesWaiting,
  [organisationsExtensionName]: setupWaiting,
};

export async function createDialogueExtensions(services: ExtensionServices): Promise<DialogueExtension[]> {
  return [
    // First: "koble"/"link" with a code must reach it, whatever another extension would make of the words.
    createLearnerLinking({ store: createLearnerLinkStore({ pool: services.database.pool }) }),
    await createAdviserSuggestions(services),
    createPushExtension({ store: createSubscriptionStore({ pool: services.database.pool }) }),
    await createOrganisationChat(services),
    await createJobLearning(services),
    ...(await createCredentialsWallet(services)),
    await createDataExport({
      pool: services.database.pool,
      baseUrl: services.configuration.server.publicUrl ?? `http://localhost:${services.configuration.server.port}`,
    }),
  ];
}
