-- Issue 21: any Slack workspace and any Microsoft 365 tenant may add Veileder, and each may be tied to an
-- organisation.
--
-- slack_installation: one row per workspace (or Enterprise Grid organisation) that installed the app through
-- "Add to Slack". The whole installation Bolt hands over — bot token included — is kept only sealed
-- (AES-256-GCM under a key derived from VEILEDER_CREDENTIAL_SECRET), so a database dump holds no usable
-- token; the plain columns are what the workspace pages show.
CREATE TABLE "slack_installation" (
    "id" TEXT NOT NULL,
    "enterprise_install" BOOLEAN NOT NULL DEFAULT false,
    "team_id" TEXT,
    "team_name" TEXT,
    "enterprise_id" TEXT,
    "bot_user_id" TEXT,
    "installed_by" TEXT,
    "installation_sealed" TEXT NOT NULL,
    "installed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "slack_installation_pkey" PRIMARY KEY ("id")
);

-- The OAuth `state` of an install begun here: single use, ten minutes, and only its SHA-256 kept. It carries
-- the install options and, for an install begun from an organisation's page, that organisation.
CREATE TABLE "slack_install_state" (
    "state_hash" TEXT NOT NULL,
    "install_options" JSONB NOT NULL,
    "organisation_id" TEXT,
    "adviser_id" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "slack_install_state_pkey" PRIMARY KEY ("state_hash"),
    CONSTRAINT "slack_install_state_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "slack_install_state_expires_at_idx" ON "slack_install_state"("expires_at");

-- A Slack workspace or a Microsoft 365 tenant tied to an organisation: one organisation per workspace,
-- several workspaces per organisation. Removing the link leaves the installation (people there keep the
-- learner assistant); uninstalling the Slack app removes both.
CREATE TABLE "organisation_channel_link" (
    "channel" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT,
    "organisation_id" TEXT NOT NULL,
    "linked_by_adviser_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_channel_link_pkey" PRIMARY KEY ("channel", "workspace_id"),
    CONSTRAINT "organisation_channel_link_channel_check" CHECK ("channel" IN ('slack', 'teams')),
    CONSTRAINT "organisation_channel_link_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "organisation_channel_link_organisation_id_idx" ON "organisation_channel_link"("organisation_id");
