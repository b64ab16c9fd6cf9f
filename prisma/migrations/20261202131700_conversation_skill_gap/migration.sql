-- The gaps a learner's "hva bør jeg lære i jobben min?" answer named: essential skills of their occupation
-- that no offering in the catalogue teaches. Counted beside the team plans' gaps as demand (by county and
-- industry where the learner's places or organisation give them; groups of fewer than three learners left
-- out). Replaced when the same conversation asks again; goes with the conversation (retention, "glem meg").
CREATE TABLE "conversation_skill_gap" (
    "conversation_id" TEXT NOT NULL,
    "learner_id" TEXT NOT NULL,
    "styrk_code" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    "skill_label" TEXT NOT NULL,
    "county" TEXT,
    "industry_code" TEXT,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "conversation_skill_gap_pkey" PRIMARY KEY ("conversation_id","skill_id")
);
CREATE INDEX "conversation_skill_gap_skill_id_idx" ON "conversation_skill_gap"("skill_id");
CREATE INDEX "conversation_skill_gap_learner_id_idx" ON "conversation_skill_gap"("learner_id");
ALTER TABLE "conversation_skill_gap" ADD CONSTRAINT "conversation_skill_gap_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "conversation_skill_gap" ADD CONSTRAINT "conversation_skill_gap_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
