-- Privacy: a learner's "no" to keeping their profile is remembered across conversations (the assistant does
-- not ask again until the learner raises it), and a learner's data export is fetched through a short-lived
-- one-time link of which only a hash is stored (it goes with the learner).
ALTER TABLE "learner" ADD COLUMN "consent_declined_at" TIMESTAMP(3);

CREATE TABLE "learner_export_link" (
    "token_hash" TEXT NOT NULL,
    "learner_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "learner_export_link_pkey" PRIMARY KEY ("token_hash"),
    CONSTRAINT "learner_export_link_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "learner_export_link_learner_id_idx" ON "learner_export_link"("learner_id");

-- Catalogue care: an admin's correction of a provider's accreditation survives re-imports of
-- data/providers.json (the import leaves an overridden provider's accreditation alone); who made it is in
-- the audit log.
ALTER TABLE "provider" ADD COLUMN "accreditation_overridden_at" TIMESTAMP(3);

-- Retention: the purge job looks for conversations idle longer than the retention period.
CREATE INDEX "learner_last_seen_at_idx" ON "learner"("last_seen_at");
