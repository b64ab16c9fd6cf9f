import type pg from 'pg';
import type { OrganisationChannelLinkRow } from './rows.generated.js';

/**
 * Which Slack workspaces and Microsoft 365 tenants are tied to which organisation (table
 * `organisation_channel_link`). A workspace belongs to one organisation at a time: linking it again moves it.
 * Each link says how many people from that workspace have talked to Veileder, so HR sees it is in use.
 */
export type ChannelLink = {
  channel: 'slack' | 'teams';
  workspaceId: string;
  name: string | null;
  organisationId: string;
  createdAt: Date;
  people: number;
};

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function linkWorkspace(
  pool: Queryable,
  link: {
    channel: 'slack' | 'teams';
    workspaceId: string;
    name: string | null;
    organisationId: string;
    adviserId: string | null;
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO organisation_channel_link (channel, workspace_id, name, organisation_id, linked_by_adviser_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel, workspace_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, organisation_channel_link.name), organisation_id = EXCLUDED.organisation_id,
       linked_by_adviser_id = EXCLUDED.linked_by_adviser_id, created_at = CASE WHEN organisation_channel_link.organisation_id = EXCLUDED.organisation_id THEN organisation_channel_link.created_at ELSE CURRENT_TIMESTAMP END`,
    [link.channel, link.workspaceId, link.name, link.organisationId, link.adviserId],
  );
}

/** Removes the link of `organisationId` only: another organisation's link of the same workspace is not this one's to remove. */
export async function unlinkWorkspace(
  pool: Queryable,
  link: { channel: 'slack' | 'teams'; workspaceId: string; organisationId: string },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    'DELETE FROM organisation_channel_link WHERE channel = $1 AND workspace_id = $2 AND organisation_id = $3',
    [link.channel, link.workspaceId, link.organisationId],
  );
  return (rowCount ?? 0) > 0;
}

/** Removes the workspace's link, whichever organisation had it; returns that organisation's id, if any. */
export async function forgetWorkspace(
  pool: Queryable,
  workspace: { channel: 'slack' | 'teams'; workspaceId: string },
): Promise<string | undefined> {
  const { rows } = await pool.query<Pick<OrganisationChannelLinkRow, 'organisation_id'>>(
    'DELETE FROM organisation_channel_link WHERE channel = $1 AND workspace_id = $2 RETURNING organisation_id',
    [workspace.channel, workspace.workspaceId],
  );
  return rows[0]?.organisation_id;
}

export async function listWorkspaceLinks(pool: Queryable, options: { organisationId: string }): Promise<ChannelLink[]> {
  const { rows } = await pool.query<{
    channel: 'slack' | 'teams';
    workspace_id: string;
    name: string | null;
    organisation_id: string;
    created_at: Date;
    people: string;
  }>(
    `SELECT l.channel, l.workspace_id, l.name, l.organisation_id, l.created_at,
            (SELECT count(*) FROM channel_identity i WHERE i.channel = l.channel AND i.tenant = l.workspace_id) AS people
       FROM organisation_channel_link l WHERE l.organisation_id = $1 ORDER BY l.channel, l.name NULLS LAST, l.workspace_id`,
    [options.organisationId],
  );
  return rows.map((row) => ({
    channel: row.channel,
    workspaceId: row.workspace_id,
    name: row.name,
    organisationId: row.organisation_id,
    createdAt: row.created_at,
    people: Number(row.people),
  }));
}

/** The organisation a workspace is tied to, if any. */
export async function organisationOfWorkspace(
  pool: Queryable,
  workspace: { channel: 'slack' | 'teams'; workspaceId: string },
): Promise<string | undefined> {
  const { rows } = await pool.query<Pick<OrganisationChannelLinkRow, 'organisation_id'>>(
    'SELECT organisation_id FROM organisation_channel_link WHERE channel = $1 AND workspace_id = $2',
    [workspace.channel, workspace.workspaceId],
  );
  return rows[0]?.organisation_id;
}
