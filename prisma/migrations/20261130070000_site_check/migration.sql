-- Site check (docs/site-check.md): an organisation's work sites, the credentials required on each (an Open
-- Badges achievement id, optionally only for one role), secret links a site manager opens the check page with
-- (only the token's SHA-256 stored; the organisation can revoke them), and saved checks.
-- A saved check holds only what the presented credentials said (name, achievement, valid until, verdict) and
-- who checked; it is deleted when its expires_at passes (the same retention as conversations).

CREATE TABLE "site" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "municipality" TEXT,
    "active_from" DATE,
    "active_until" DATE,
    "created_by_adviser_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "site_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "site_active_period" CHECK ("active_from" IS NULL OR "active_until" IS NULL OR "active_from" <= "active_until"),
    CONSTRAINT "site_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "site_created_by_adviser_id_fkey" FOREIGN KEY ("created_by_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "site_organisation_id_idx" ON "site"("organisation_id");

CREATE TABLE "site_requirement" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "site_id" TEXT NOT NULL,
    -- credentialSubject.achievement.id of the credentials that satisfy it.
    "achievement_id" TEXT NOT NULL,
    "achievement_name" TEXT NOT NULL,
    -- NULL = everyone on the site; otherwise only workers in this role.
    "role_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "site_requirement_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "site_requirement_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "site_requirement_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "organisation_role"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "site_requirement_site_id_idx" ON "site_requirement"("site_id");
CREATE UNIQUE INDEX "site_requirement_site_achievement_role_key" ON "site_requirement"("site_id", "achievement_id", COALESCE("role_id", ''));

CREATE TABLE "site_access_link" (
    "token_hash" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    -- Who the link was made for ("Formann Kari"); shown as the checker when a check is saved.
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "revoked_at" TIMESTAMP(3),
    CONSTRAINT "site_access_link_pkey" PRIMARY KEY ("token_hash"),
    CONSTRAINT "site_access_link_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "site_access_link_site_id_idx" ON "site_access_link"("site_id");

CREATE TABLE "site_check" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "site_id" TEXT NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checker" TEXT NOT NULL,
    "checked_by_adviser_id" TEXT,
    -- [{ name, verdict, achievements: [{ name, validUntil, verdict }], reason }] — from the credentials only.
    "results" JSONB NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "site_check_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "site_check_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "site_check_checked_by_adviser_id_fkey" FOREIGN KEY ("checked_by_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "site_check_site_id_checked_at_idx" ON "site_check"("site_id", "checked_at");
CREATE INDEX "site_check_expires_at_idx" ON "site_check"("expires_at");

-- Tender bundles: an organisation's chosen credentials of its people, exported as one Verifiable Presentation
-- with a readable summary. Only references are kept (the presentation is rebuilt from credential.jwt on each
-- download, so a learner who is forgotten drops out of it), plus the verification share links made for it
-- (credential_share rows the learner sees and can withdraw in their wallet). Deleted when it expires.
CREATE TABLE "tender_bundle" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "organisation_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    -- { achievementId?, skill?, roleId? } as chosen.
    "filter" JSONB NOT NULL,
    -- [{ credentialId, memberId, shareToken }]
    "items" JSONB NOT NULL,
    "created_by_adviser_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "tender_bundle_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tender_bundle_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "tender_bundle_created_by_adviser_id_fkey" FOREIGN KEY ("created_by_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "tender_bundle_organisation_id_idx" ON "tender_bundle"("organisation_id");
CREATE INDEX "tender_bundle_expires_at_idx" ON "tender_bundle"("expires_at");
