-- Channels: a short-lived one-time code that links a learner's identities across channels (say "koble" in
-- Teams, enter the code in the web chat), so one profile follows the person. Only a hash of the code is kept.
CREATE TABLE "learner_link_code" (
    "code_hash" TEXT NOT NULL,
    "learner_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "learner_link_code_pkey" PRIMARY KEY ("code_hash")
);

CREATE INDEX "learner_link_code_learner_id_idx" ON "learner_link_code"("learner_id");

ALTER TABLE "learner_link_code" ADD CONSTRAINT "learner_link_code_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
