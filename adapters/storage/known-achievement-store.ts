import type pg from 'pg';
import type { KnownAchievements } from '../../src/tender/known-achievements.js';
import type { CredentialRow } from './rows.generated.js';

type Row = Pick<CredentialRow, 'achievement_id' | 'achievement_name'>;
const known = (row: Row) => ({ achievementId: row.achievement_id, achievementName: row.achievement_name });

export function createKnownAchievements(options: { pool: pg.Pool }): KnownAchievements {
  return {
    async heldByMembersOf(organisationId) {
      const { rows } = await options.pool.query<Row>(
        `SELECT DISTINCT credential.achievement_id, credential.achievement_name FROM credential JOIN organisation_member member ON member.learner_id = credential.learner_id
          WHERE member.organisation_id = $1 ORDER BY credential.achievement_name`,
        [organisationId],
      );
      return rows.map(known);
    },
    async issued({ limit }) {
      const { rows } = await options.pool.query<Row>(
        'SELECT DISTINCT achievement_id, achievement_name FROM credential ORDER BY achievement_name LIMIT $1',
        [limit],
      );
      return rows.map(known);
    },
  };
}
