import type pg from 'pg';
import { ensureLearner } from './learner-link-store.js';
import type { ChannelIdentityRow, ConversationRow, OfferingRow, ProfileRow, ProviderRow } from './rows.generated.js';

/**
 * What the channel adapters keep beside the assistant's own memory: each identity's conversation reference
 * (so Teams can message the learner later, proactively) and a read-only overview for Slack's App Home.
 */
export type ChannelIdentityStore = {
  rememberConversationReference(input: {
    channel: 'teams' | 'slack' | 'web';
    userId: string;
    tenant: string | undefined;
    reference: unknown;
  }): Promise<void>;
  learnerOverview(input: { channel: 'teams' | 'slack' | 'web'; userId: string }): Promise<LearnerOverview | undefined>;
};

export type OverviewOffering = { offeringId: string; title: string; provider: string; url: string | null };

export type LearnerOverview = {
  /** The stored profile as the assistant keeps it (src/profile), or null before the first interview. */
  profile: unknown;
  lastSuggestions: OverviewOffering[];
  /** Offerings the learner rated 4 or 5: what they kept. */
  liked: OverviewOffering[];
  /** The language of the learner's latest conversation, or null before any. */
  language: string | null;
};

export function createChannelIdentityStore(options: { pool: pg.Pool }): ChannelIdentityStore {
  const { pool } = options;
  return {
    async rememberConversationReference(input) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await ensureLearner(client, { channel: input.channel, userId: input.userId, tenant: input.tenant });
        await client.query(
          'UPDATE channel_identity SET conversation_reference = $3, tenant = COALESCE($4, tenant) WHERE channel = $1 AND external_id = $2',
          [input.channel, input.userId, JSON.stringify(input.reference), input.tenant ?? null],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },

    async learnerOverview(input) {
      const identity = await pool.query<Pick<ChannelIdentityRow, 'learner_id'>>(
        'SELECT learner_id FROM channel_identity WHERE channel = $1 AND external_id = $2',
        [input.channel, input.userId],
      );
      const learnerId = identity.rows[0]?.learner_id;
      if (!learnerId) return undefined;
      const profile = await pool.query<Pick<ProfileRow, 'data'>>('SELECT data FROM profile WHERE learner_id = $1', [
        learnerId,
      ]);
      const last = await pool.query<OverviewRow>(
        `SELECT o.id, o.title, o.url, p.name AS provider FROM recommendation r
           JOIN offering o ON o.id = r.offering_id JOIN provider p ON p.id = o.provider_id
          WHERE r.turn_id = (SELECT r2.turn_id FROM recommendation r2 JOIN conversation c ON c.id = r2.conversation_id JOIN turn t ON t.id = r2.turn_id
                              WHERE c.learner_id = $1 ORDER BY t.created_at DESC LIMIT 1)
          ORDER BY r.rank`,
        [learnerId],
      );
      const liked = await pool.query<OverviewRow>(
        `SELECT o.id, o.title, o.url, p.name AS provider FROM offering o JOIN provider p ON p.id = o.provider_id
          WHERE o.id IN (SELECT offering_id FROM rating WHERE learner_id = $1 AND score >= 4 AND offering_id IS NOT NULL)
          ORDER BY o.title LIMIT 10`,
        [learnerId],
      );
      const latest = await pool.query<Pick<ConversationRow, 'language'>>(
        'SELECT language FROM conversation WHERE learner_id = $1 AND language IS NOT NULL ORDER BY last_turn_at DESC LIMIT 1',
        [learnerId],
      );
      return {
        profile: profile.rows[0]?.data ?? null,
        lastSuggestions: last.rows.map(toOffering),
        liked: liked.rows.map(toOffering),
        language: latest.rows[0]?.language ?? null,
      };
    },
  };
}

type OverviewRow = Pick<OfferingRow, 'id' | 'title' | 'url'> & { provider: ProviderRow['name'] };

const toOffering = (row: OverviewRow): OverviewOffering => ({
  offeringId: row.id,
  title: row.title,
  provider: row.provider,
  url: row.url,
});
