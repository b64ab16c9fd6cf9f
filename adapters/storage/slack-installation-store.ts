import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type pg from 'pg';
import { z } from 'zod';
import { inTransaction } from './transaction.js';
import { recordAudit } from './audit-log-store.js';
import { forgetWorkspace, linkWorkspace } from './organisation-channel-link-store.js';
import type { SlackInstallationRow } from './rows.generated.js';

/**
 * Bolt's InstallationStore in PostgreSQL (table `slack_installation`): one row per workspace, or per Enterprise
 * Grid organisation for an org-wide install. The installation Bolt hands over is stored whole but only sealed
 * (`sealing`, adapters/slack/installation-sealing.ts): without the secret the row holds no usable token.
 *
 * An install begun from an organisation's page carries that organisation in its metadata (see
 * slack-install-state-store.ts); storing it then also links the workspace to the organisation. Deleting an
 * installation (uninstall, revoked tokens) removes its link as well.
 */
export type Sealing = { seal(plaintext: string): Promise<string>; open(sealed: string): Promise<string> };

export type SlackInstallationStore = InstallationStore & {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** The bot token of the workspace `teamId` (or of the Grid organisation it belongs to), if installed. */
  botToken(workspace: { teamId: string; enterpriseId?: string | undefined }): Promise<string | undefined>;
  list(): Promise<InstalledWorkspace[]>;
};

type InstalledWorkspace = { id: string; teamName: string | null; installedAt: Date };

/** What an install begun on an organisation's page carries through Slack and back. */
export const installMetadataSchema = z.object({
  organisationId: z.string().min(1),
  adviserId: z.string().min(1).nullable(),
});

const idOf = (query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | undefined => (query.isEnterpriseInstall ? query.enterpriseId : query.teamId);

export function createSlackInstallationStore(options: { pool: pg.Pool; sealing: Sealing }): SlackInstallationStore {
  const { pool, sealing } = options;

  async function read(id: string): Promise<Installation | undefined> {
    const { rows } = await pool.query<Pick<SlackInstallationRow, 'installation_sealed'>>(
      'SELECT installation_sealed FROM slack_installation WHERE id = $1',
      [id],
    );
    return rows[0] ? (JSON.parse(await sealing.open(rows[0].installation_sealed)) as Installation) : undefined;
  }

  return {
    async storeInstallation(installation) {
      const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
      if (!id) throw new Error('Slack installation names neither a workspace nor an Enterprise Grid organisation');
      const { metadata, ...kept } = installation;
      const sealed = await sealing.seal(JSON.stringify(kept));
      const link = metadata ? installMetadataSchema.safeParse(safeJson(metadata)) : undefined;
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO slack_installation (id, enterprise_install, team_id, team_name, enterprise_id, bot_user_id, installed_by, installation_sealed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET enterprise_install = EXCLUDED.enterprise_install, team_id = EXCLUDED.team_id, team_name = EXCLUDED.team_name,
             enterprise_id = EXCLUDED.enterprise_id, bot_user_id = EXCLUDED.bot_user_id, installed_by = EXCLUDED.installed_by,
             installation_sealed = EXCLUDED.installation_sealed, updated_at = CURRENT_TIMESTAMP`,
          [
            id,
            Boolean(installation.isEnterpriseInstall),
            installation.team?.id ?? null,
            installation.team?.name ?? installation.enterprise?.name ?? null,
            installation.enterprise?.id ?? null,
            installation.bot?.userId ?? null,
            installation.user.id,
            sealed,
          ],
        );
        if (link?.success) {
          await linkWorkspace(client, {
            channel: 'slack',
            workspaceId: id,
            name: installation.team?.name ?? installation.enterprise?.name ?? null,
            organisationId: link.data.organisationId,
            adviserId: link.data.adviserId,
          });
          await recordAudit(client, {
            actorId: null,
            action: 'organisation.workspace_linked',
            subjectType: 'organisation',
            subjectId: link.data.organisationId,
            detail: {
              channel: 'slack',
              workspaceId: id,
              via: 'slack_install',
              adviserId: link.data.adviserId,
              slackUser: installation.user.id,
            },
          });
        }
      });
    },

    async fetchInstallation(query) {
      const id = idOf(query);
      const found = id ? await read(id) : undefined;
      // An org-wide install answers for every workspace of its Grid organisation.
      const installation =
        found ?? (query.enterpriseId && !query.isEnterpriseInstall ? await read(query.enterpriseId) : undefined);
      if (!installation) throw new Error(`No Slack installation for ${id ?? 'an unnamed workspace'}`);
      return installation;
    },

    async deleteInstallation(query) {
      const id = idOf(query);
      if (!id) return;
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM slack_installation WHERE id = $1', [id]);
        const organisationId = await forgetWorkspace(client, { channel: 'slack', workspaceId: id });
        if (organisationId)
          await recordAudit(client, {
            actorId: null,
            action: 'organisation.workspace_unlinked',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: { channel: 'slack', workspaceId: id, via: 'slack_uninstall' },
          });
      });
    },

    async botToken(workspace) {
      const installation =
        (await read(workspace.teamId)) ?? (workspace.enterpriseId ? await read(workspace.enterpriseId) : undefined);
      return installation?.bot?.token;
    },

    async list() {
      const { rows } = await pool.query<Pick<SlackInstallationRow, 'id' | 'team_name' | 'installed_at'>>(
        'SELECT id, team_name, installed_at FROM slack_installation ORDER BY team_name NULLS LAST, id',
      );
      return rows.map((row) => ({ id: row.id, teamName: row.team_name, installedAt: row.installed_at }));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
