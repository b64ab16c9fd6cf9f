import { createConversationStore } from '../../adapters/storage/conversation-store.js';
import { conversationStoreContract } from '../support/conversation-store-contract.js';
import { createTestDatabase } from '../support/database.js';

conversationStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  // Suggestions and ratings refer to stored offerings (foreign keys): three bare ones are enough.
  const provider = await database.pool.query<{ id: string }>(
    "INSERT INTO provider (name, normalized_name) VALUES ('Kontraktskolen', 'kontraktskolen') RETURNING id",
  );
  const offerings = await database.pool.query<{ id: string }>(
    `INSERT INTO offering (title, provider_id, dedupe_key, content_hash)
     SELECT 'Kurs ' || n, $1, 'contract-' || n, 'h' FROM generate_series(1, 3) n RETURNING id`,
    [provider.rows[0]!.id],
  );
  const [first, second, third] = offerings.rows.map((row) => row.id);
  return {
    store: createConversationStore({ pool: database.pool }),
    offeringIds: [first!, second!, third!],
    close: () => database.drop(),
  };
});
