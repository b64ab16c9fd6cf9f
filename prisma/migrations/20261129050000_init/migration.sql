-- Veileder's first schema: catalogue, taxonomies, learners, conversations, advisers.
-- Written by hand to match prisma/schema.prisma (Prisma's schema engine cannot run offline);
-- tests/storage/schema.int.test.ts round-trips every model to catch drift.

CREATE TABLE "provider" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'unknown',
    "country" TEXT,
    "organisation_number" TEXT,
    "accredited_by" TEXT,
    "accreditation_source" TEXT,
    "homepage" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "provider_normalized_name_key" ON "provider"("normalized_name");

CREATE TABLE "offering" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provider_id" TEXT NOT NULL,
    "url" TEXT,
    "url_key" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "languages" TEXT[],
    "mode" TEXT NOT NULL DEFAULT 'unknown',
    "schedule" TEXT NOT NULL DEFAULT 'unknown',
    "cities" TEXT[],
    "municipalities" TEXT[],
    "counties" TEXT[],
    "workload_hours" DOUBLE PRECISION,
    "hours_per_week" DOUBLE PRECISION,
    "duration_weeks" DOUBLE PRECISION,
    "start_dates" TIMESTAMP(3)[],
    "price_nok" DOUBLE PRECISION,
    "is_free" BOOLEAN,
    "credits" DOUBLE PRECISION,
    "level" TEXT NOT NULL DEFAULT 'unknown',
    "eqf_level" INTEGER,
    "type" TEXT NOT NULL DEFAULT 'unknown',
    "subjects" TEXT[],
    "skills" TEXT[],
    "occupations" TEXT[],
    "industries" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'active',
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMP(3),
    CONSTRAINT "offering_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "offering_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "offering_dedupe_key_idx" ON "offering"("dedupe_key");
CREATE INDEX "offering_url_key_idx" ON "offering"("url_key");
CREATE INDEX "offering_status_idx" ON "offering"("status");

CREATE TABLE "offering_source" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "offering_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL,
    "content_hash" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "last_run_id" TEXT,
    CONSTRAINT "offering_source_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "offering_source_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "offering_source_source_external_id_key" ON "offering_source"("source", "external_id");
CREATE INDEX "offering_source_offering_id_idx" ON "offering_source"("offering_id");

CREATE TABLE "import_run" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "full" BOOLEAN NOT NULL DEFAULT true,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "read" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "merged" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "import_rejection" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "run_id" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    CONSTRAINT "import_rejection_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "import_rejection_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "import_run"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "import_rejection_run_id_idx" ON "import_rejection"("run_id");

CREATE TABLE "taxonomy_concept" (
    "id" TEXT NOT NULL,
    "scheme" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "uri" TEXT,
    "label" TEXT NOT NULL,
    "alt_labels" TEXT[],
    "description" TEXT,
    "parent_id" TEXT,
    "level" INTEGER,
    CONSTRAINT "taxonomy_concept_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "taxonomy_concept_scheme_code_key" ON "taxonomy_concept"("scheme", "code");
CREATE INDEX "taxonomy_concept_parent_id_idx" ON "taxonomy_concept"("parent_id");

CREATE TABLE "concept_relation" (
    "from_id" TEXT NOT NULL,
    "to_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    CONSTRAINT "concept_relation_pkey" PRIMARY KEY ("from_id", "to_id", "kind"),
    CONSTRAINT "concept_relation_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "taxonomy_concept"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "concept_relation_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "taxonomy_concept"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "concept_relation_to_id_idx" ON "concept_relation"("to_id");

CREATE TABLE "offering_concept" (
    "offering_id" TEXT NOT NULL,
    "concept_id" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "origin" TEXT NOT NULL DEFAULT 'text',
    CONSTRAINT "offering_concept_pkey" PRIMARY KEY ("offering_id", "concept_id"),
    CONSTRAINT "offering_concept_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "offering_concept_concept_id_fkey" FOREIGN KEY ("concept_id") REFERENCES "taxonomy_concept"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "offering_concept_concept_id_idx" ON "offering_concept"("concept_id");

CREATE TABLE "learner" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "locale" TEXT,
    "consent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "learner_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "channel_identity" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "learner_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "tenant" TEXT,
    "conversation_reference" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "channel_identity_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "channel_identity_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "channel_identity_channel_external_id_key" ON "channel_identity"("channel", "external_id");
CREATE INDEX "channel_identity_learner_id_idx" ON "channel_identity"("learner_id");

CREATE TABLE "profile" (
    "learner_id" TEXT NOT NULL,
    "occupation_code" TEXT,
    "industry_code" TEXT,
    "data" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "profile_pkey" PRIMARY KEY ("learner_id"),
    CONSTRAINT "profile_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "conversation" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "learner_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT,
    "state" JSONB NOT NULL DEFAULT '{}',
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_turn_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "conversation_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "conversation_learner_id_idx" ON "conversation"("learner_id");
CREATE INDEX "conversation_last_turn_at_idx" ON "conversation"("last_turn_at");

CREATE TABLE "turn" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "conversation_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "action" JSONB,
    "language" TEXT,
    "understanding" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "turn_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "turn_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "turn_conversation_id_created_at_idx" ON "turn"("conversation_id", "created_at");

CREATE TABLE "recommendation" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "turn_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "offering_id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'assistant',
    CONSTRAINT "recommendation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "recommendation_turn_id_fkey" FOREIGN KEY ("turn_id") REFERENCES "turn"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "recommendation_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "recommendation_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "recommendation_turn_id_idx" ON "recommendation"("turn_id");
CREATE INDEX "recommendation_offering_id_idx" ON "recommendation"("offering_id");

CREATE TABLE "rating" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "learner_id" TEXT NOT NULL,
    "offering_id" TEXT,
    "recommendation_id" TEXT,
    "turn_id" TEXT,
    "score" INTEGER NOT NULL,
    "text" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rating_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rating_score_range" CHECK ("score" BETWEEN 1 AND 5),
    CONSTRAINT "rating_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rating_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "rating_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rating_turn_id_fkey" FOREIGN KEY ("turn_id") REFERENCES "turn"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "rating_offering_id_idx" ON "rating"("offering_id");
CREATE INDEX "rating_learner_id_idx" ON "rating"("learner_id");

CREATE TABLE "adviser" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'adviser',
    "password_hash" TEXT,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "adviser_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "adviser_email_key" ON "adviser"("email");

CREATE TABLE "adviser_review" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "turn_id" TEXT NOT NULL,
    "adviser_id" TEXT,
    "verdict" TEXT NOT NULL,
    "comment" TEXT,
    "added" TEXT[],
    "removed" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMP(3),
    CONSTRAINT "adviser_review_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "adviser_review_turn_id_fkey" FOREIGN KEY ("turn_id") REFERENCES "turn"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "adviser_review_adviser_id_fkey" FOREIGN KEY ("adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "adviser_review_turn_id_idx" ON "adviser_review"("turn_id");
