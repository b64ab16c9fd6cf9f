import { createMemoryConversationStore } from '../../adapters/storage/memory-conversation-store.js';
import { conversationStoreContract } from '../support/conversation-store-contract.js';

conversationStoreContract('in memory', async () => ({
  store: createMemoryConversationStore(),
  offeringIds: ['offering-a', 'offering-b', 'offering-c'],
  close: async () => {},
}));
