import type pg from 'pg';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { reasonText } from '../../src/dialogue/present-offering.js';
import { emptyProfile, profileSchema, type Profile } from '../../src/profile/profile.js';
import type { ReplyTemplates } from '../../src/prompts/reply-templates.js';
import type { RecommendWithFiltersRequest } from '../../src/retrieval/recommend.js';
import type { ScoredOffering } from '../../src/retrieval/recommender.js';
import type { PushStateRow } from '../storage/rows.generated.js';

/**
 * Matching: offerings added or changed since the last run (a cursor on offering.updated_at kept in
 * push_state, shared by every process) are matched against each live subscription with the same retrieval
 * the assistant uses — the learner's profile and its hard constraints, the topic as the query — and kept
 * when they rank among the learner's best for the whole catalogue: fused score at or above `minScore` and at
 * least one of the learner's words or concepts matched. push_match's (learner, offering) key keeps an
 * offering from ever being matched twice, so two processes matching the same change do no harm.
 */

type MatchSettings = {
  /** Fused retrieval score an offering must reach (reciprocal rank fusion k 10: ~0.04 ≈ the top 15 lexically). */
  minScore: number;
  /** How many of the learner's best offerings are looked at for each subscription. */
  depth: number;
};

export type MatchOfferingsOptions = {
  pool: pg.Pool;
  recommender: { recommend(request: RecommendWithFiltersRequest): Promise<ScoredOffering[]> };
  /** The in-memory catalogue the recommender searches: an offering is matched only once it is there. */
  catalogue: { facts(id: string): Pick<CatalogueOffering, 'updatedAt'> | undefined };
  /** Brings the in-memory catalogue up to date with the database first. */
  synchronise?: () => Promise<void>;
  templates: ReplyTemplates;
  settings: MatchSettings;
  /** Offerings read per run; the rest waits for the next. */
  batch?: number;
};

export type MatchReport = { offerings: number; subscriptions: number; matches: number };

const cursorName = 'match_cursor';

/**
 * Push starts following from now: what was in the catalogue before is not news. Set when push starts, not at
 * its first run, so an import between the two (a busy machine, a slow first job) is still news.
 */
export async function startMatchCursor(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO push_state (name, value) SELECT $1, COALESCE(max(updated_at), CURRENT_TIMESTAMP::timestamp)::text FROM offering ON CONFLICT (name) DO NOTHING`,
    [cursorName],
  );
}

export async function matchNewOfferings(options: MatchOfferingsOptions): Promise<MatchReport> {
  const { pool } = options;
  await startMatchCursor(pool);
  const cursor = (
    await pool.query<Pick<PushStateRow, 'value'>>('SELECT value FROM push_state WHERE name = $1', [cursorName])
  ).rows[0]!.value;
  const changed = await pool.query<{ id: string; updated_at: Date; stamp: string }>(
    // One import batch shares one updated_at: a batch is cut at a whole timestamp, never inside one (the
    // cursor moves past a timestamp only when every offering carrying it was looked at).
    `WITH bound AS (SELECT updated_at FROM offering WHERE status = 'active' AND updated_at > $1::timestamp ORDER BY updated_at OFFSET $2 - 1 LIMIT 1)
     SELECT id, updated_at, updated_at::text AS stamp FROM offering
      WHERE status = 'active' AND updated_at > $1::timestamp AND (NOT EXISTS (SELECT 1 FROM bound) OR updated_at <= (SELECT updated_at FROM bound))
      ORDER BY updated_at`,
    [cursor, options.batch ?? 5000],
  );
  if (changed.rows.length === 0) return { offerings: 0, subscriptions: 0, matches: 0 };

  // Only offerings the search already holds in this version can be matched now; the cursor stops before the
  // first that is not. The catalogue is synchronised only when something is missing (it reads every active
  // offering's version, too much to do every tick for nothing).
  const inMemory = (row: { id: string; updated_at: Date }) =>
    options.catalogue.facts(row.id)?.updatedAt.getTime() === row.updated_at.getTime();
  if (options.synchronise && !changed.rows.every(inMemory)) await options.synchronise();
  const ready: typeof changed.rows = [];
  for (const row of changed.rows) {
    if (!inMemory(row)) {
      // Those sharing the missing one's timestamp wait with it: the cursor can only stop between timestamps.
      while (ready.length > 0 && ready.at(-1)!.stamp === row.stamp) ready.pop();
      break;
    }
    ready.push(row);
  }
  const readyIds = new Map(ready.map((row) => [row.id, row.updated_at]));

  const subscriptions = await pool.query<{
    id: string;
    learner_id: string;
    kind: 'profile' | 'topic';
    topic: string;
    created_at: Date;
    profile: unknown;
  }>(
    `SELECT s.id, s.learner_id, s.kind, s.topic, s.created_at, p.data AS profile
       FROM push_subscription s JOIN push_preference pp ON pp.learner_id = s.learner_id LEFT JOIN profile p ON p.learner_id = s.learner_id
      WHERE pp.unsubscribed_at IS NULL AND pp.rhythm <> 'off'`,
  );
  let matches = 0;
  if (readyIds.size > 0) {
    for (const subscription of subscriptions.rows) {
      const profile = parseProfile(subscription.profile);
      const message = subscription.kind === 'topic' ? subscription.topic : '';
      const found = await options.recommender.recommend({ profile, message, limit: options.settings.depth });
      for (const scored of found) {
        const updatedAt = readyIds.get(scored.offering.id);
        // Offerings changed before the learner followed are not news to them.
        if (!updatedAt || updatedAt <= subscription.created_at) continue;
        if (scored.score < options.settings.minScore) continue;
        if (scored.reasons.matchedTerms.length === 0 && scored.reasons.matchedConcepts.length === 0) continue;
        const reason = {
          nb: reasonText({ reasons: scored.reasons, language: 'nb', templates: options.templates }),
          nn: reasonText({ reasons: scored.reasons, language: 'nn', templates: options.templates }),
          en: reasonText({ reasons: scored.reasons, language: 'en', templates: options.templates }),
        };
        const inserted = await pool.query(
          `INSERT INTO push_match (learner_id, offering_id, subscription_id, score, reasons) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (learner_id, offering_id) DO NOTHING`,
          [
            subscription.learner_id,
            scored.offering.id,
            subscription.id,
            scored.score,
            JSON.stringify({ ...scored.reasons, text: reason, topic: subscription.topic || null }),
          ],
        );
        matches += inserted.rowCount ?? 0;
      }
    }
  }
  // Advance past what was matched (never backwards: another process may have gone further).
  const last = ready.at(-1);
  if (last)
    await pool.query(
      'UPDATE push_state SET value = $2, updated_at = CURRENT_TIMESTAMP WHERE name = $1 AND value::timestamp < $2::timestamp',
      [cursorName, last.stamp],
    );
  return { offerings: ready.length, subscriptions: subscriptions.rows.length, matches };
}

function parseProfile(data: unknown): Profile {
  const parsed = profileSchema.safeParse(data ?? {});
  return parsed.success ? parsed.data : emptyProfile();
}
