import { createHash, randomInt } from 'node:crypto';
import type pg from 'pg';
import { notFound } from '../../src/errors.js';
import type { OrganisationChatPorts } from '../../src/organisations/organisation-extension.js';
import { inTransaction } from './transaction.js';

/**
 * One-time invitation codes linking a staff-list member to the learner who says the code in chat. Eight
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH; only the SHA-256
 * hash is stored; a new code replaces the member's old one; redeeming deletes it. Saying the code is the
 * learner's consent: nothing else links a learner to an organisation. An invitation made for a named
 * learner can be accepted by that learner only.
 */

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const inviteDays = 14;

const hashOf = (code: string) =>
  createHash('sha256')
    .update(`veileder-organisation-invite:${code.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`)
    .digest('hex');

/** Throws not_found (404 at the edge) unless the learner exists; checked before anything is written for them. */
export async function requireLearner(pool: pg.Pool, learnerId: string): Promise<void> {
  const { rowCount } = await pool.query('SELECT 1 FROM learner WHERE id = $1', [learnerId]);
  if (!rowCount) throw notFound({ what: 'Learner', id: learnerId });
}

export async function createMemberInvite(
  pool: pg.Pool,
  options: { organisationId: string; memberId: string; learnerId?: string; now?: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const member = await pool.query('SELECT 1 FROM organisation_member WHERE id = $1 AND organisation_id = $2', [
    options.memberId,
    options.organisationId,
  ]);
  if (!member.rowCount) throw notFound({ what: 'Member', id: options.memberId });
  if (options.learnerId) await requireLearner(pool, options.learnerId);
  const characters = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const code = `${characters.slice(0, 4)}-${characters.slice(4)}`;
  const expiresAt = new Date((options.now ?? new Date()).getTime() + inviteDays * 24 * 60 * 60 * 1000);
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM organisation_invite WHERE member_id = $1', [options.memberId]);
    await client.query(
      'INSERT INTO organisation_invite (code_hash, member_id, learner_id, expires_at) VALUES ($1, $2, $3, $4)',
      [hashOf(code), options.memberId, options.learnerId ?? null, expiresAt],
    );
  });
  return { code, expiresAt };
}

export function createOrganisationInviteStore(options: { pool: pg.Pool }): OrganisationChatPorts['invites'] {
  const { pool } = options;
  return {
    async redeem({ code, learnerId }) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{
          member_id: string;
          organisation_id: string;
          organisation: string;
          role: string | null;
          linked: string | null;
        }>(
          `SELECT i.member_id, m.organisation_id, o.name AS organisation, r.title AS role, m.learner_id AS linked
             FROM organisation_invite i JOIN organisation_member m ON m.id = i.member_id JOIN organisation o ON o.id = m.organisation_id
             LEFT JOIN organisation_role r ON r.id = m.role_id
            WHERE i.code_hash = $1 AND i.expires_at > CURRENT_TIMESTAMP AND (i.learner_id IS NULL OR i.learner_id = $2) FOR UPDATE OF i`,
          [hashOf(code), learnerId],
        );
        const invite = rows[0];
        if (!invite) return { kind: 'unknown' as const };
        const other = await client.query(
          'SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND learner_id = $2 AND id <> $3',
          [invite.organisation_id, learnerId, invite.member_id],
        );
        if (other.rowCount) return { kind: 'already_member' as const, organisation: invite.organisation };
        await client.query('UPDATE organisation_member SET learner_id = $2 WHERE id = $1', [
          invite.member_id,
          learnerId,
        ]);
        await client.query('DELETE FROM organisation_invite WHERE member_id = $1', [invite.member_id]);
        return {
          kind: 'linked' as const,
          memberId: invite.member_id,
          organisation: invite.organisation,
          role: invite.role,
        };
      });
    },
    async pendingAssignments(memberId) {
      const { rows } = await pool.query<{ id: string; title: string; provider: string; url: string | null }>(
        `UPDATE organisation_assignment a SET delivered_at = CURRENT_TIMESTAMP FROM offering o, provider p
          WHERE a.member_id = $1 AND a.delivered_at IS NULL AND a.status IN ('suggested', 'accepted', 'started') AND o.id = a.offering_id AND p.id = o.provider_id
          RETURNING a.id, o.title, p.name AS provider, o.url`,
        [memberId],
      );
      return rows;
    },
  };
}
