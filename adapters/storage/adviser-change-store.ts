import type pg from 'pg';
import type { AdviserChange, AdviserChangeSource } from '../../src/advisers/adviser-suggestions-extension.js';
import { listOfferings } from './offering-reader.js';
import type { OfferingRow } from './rows.generated.js';

/**
 * Hands a learner's unseen adviser reviews to the chat exactly once: the UPDATE that marks them seen is the
 * read, so two turns at the same moment cannot both show them. Only the latest review of each suggestion
 * set counts; withdrawn offerings an adviser added are left out.
 */
/** Whether unseen reviews wait for `learner` (an SQL expression), asked in the turn's first statement. */
export const unseenChangesWaiting = (learner: string) =>
  `EXISTS (SELECT 1 FROM adviser_review r JOIN turn t ON t.id = r.turn_id JOIN conversation c ON c.id = t.conversation_id
            WHERE c.learner_id = ${learner} AND r.seen_at IS NULL AND r.verdict IN ('approved', 'changed'))`;

export function createAdviserChangeStore(options: { pool: pg.Pool; now?: () => Date }): AdviserChangeSource {
  const { pool } = options;
  return {
    async takeUnseenChanges(learnerId) {
      const { rows } = await pool.query<{
        turn_id: string;
        verdict: 'approved' | 'changed';
        added: string[];
        removed: string[];
        created_at: Date;
      }>(
        `UPDATE adviser_review r SET seen_at = $2
           FROM turn t JOIN conversation c ON c.id = t.conversation_id
          WHERE r.turn_id = t.id AND c.learner_id = $1 AND r.seen_at IS NULL AND r.verdict IN ('approved', 'changed')
        RETURNING r.turn_id, r.verdict, coalesce(r.added, '{}') AS added, coalesce(r.removed, '{}') AS removed, r.created_at`,
        [learnerId, options.now?.() ?? new Date()],
      );
      if (rows.length === 0) return [];
      const latest = new Map<string, (typeof rows)[number]>();
      for (const row of rows)
        if ((latest.get(row.turn_id)?.created_at ?? 0) < row.created_at) latest.set(row.turn_id, row);
      const reviews = [...latest.values()].sort(
        (first, second) => first.created_at.getTime() - second.created_at.getTime(),
      );
      const addedIds = [...new Set(reviews.flatMap((review) => review.added))];
      const removedIds = [...new Set(reviews.flatMap((review) => review.removed))];
      const offerings = new Map(
        (await listOfferings(pool, { ids: addedIds })).map((offering) => [offering.id, offering]),
      );
      const titles = new Map(
        removedIds.length
          ? (
              await pool.query<Pick<OfferingRow, 'id' | 'title'>>('SELECT id, title FROM offering WHERE id = ANY($1)', [
                removedIds,
              ])
            ).rows.map((row) => [row.id, row.title])
          : [],
      );
      return reviews.map(
        (review): AdviserChange => ({
          verdict: review.verdict,
          added: review.added.flatMap((id) => offerings.get(id) ?? []),
          removedTitles: review.removed.flatMap((id) => titles.get(id) ?? []),
        }),
      );
    },
  };
}
