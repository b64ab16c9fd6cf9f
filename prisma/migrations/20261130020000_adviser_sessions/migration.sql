-- Advisers' workspace: sign-in sessions (only a hash of the session token is stored), pending OpenID Connect
-- sign-ins (state, nonce and PKCE verifier between the redirect and the callback), and the audit log of
-- adviser and admin actions. The adviser gains a language, a way for an admin to switch an account off,
-- and the subject it is known by at the identity provider.
ALTER TABLE "adviser" ADD COLUMN "locale" TEXT;
ALTER TABLE "adviser" ADD COLUMN "disabled_at" TIMESTAMP(3);
ALTER TABLE "adviser" ADD COLUMN "oidc_subject" TEXT;
CREATE UNIQUE INDEX "adviser_oidc_subject_key" ON "adviser"("oidc_subject");

CREATE TABLE "adviser_session" (
    "token_hash" TEXT NOT NULL,
    "adviser_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'password',
    CONSTRAINT "adviser_session_pkey" PRIMARY KEY ("token_hash"),
    CONSTRAINT "adviser_session_adviser_id_fkey" FOREIGN KEY ("adviser_id") REFERENCES "adviser"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "adviser_session_adviser_id_idx" ON "adviser_session"("adviser_id");
CREATE INDEX "adviser_session_expires_at_idx" ON "adviser_session"("expires_at");

CREATE TABLE "adviser_oidc_attempt" (
    "attempt_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "return_to" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "adviser_oidc_attempt_pkey" PRIMARY KEY ("attempt_hash")
);

CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "subject_type" TEXT,
    "subject_id" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log"("actor_id");
CREATE INDEX "audit_log_subject_idx" ON "audit_log"("subject_type", "subject_id");
