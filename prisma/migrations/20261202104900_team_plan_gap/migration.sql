-- The gaps of each organisation's latest team plan: the essential skills of its roles that no offering in the
-- catalogue teaches. Replaced whenever the plan is drawn; counted across organisations (by county and
-- industry, groups of fewer than three organisations left out) as demand providers and planners can read.
-- Goes with the organisation.
CREATE TABLE "team_plan_gap" (
    "organisation_id" TEXT NOT NULL,
    "styrk_code" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    "skill_label" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "team_plan_gap_pkey" PRIMARY KEY ("organisation_id","styrk_code","skill_id")
);
CREATE INDEX "team_plan_gap_skill_id_idx" ON "team_plan_gap"("skill_id");
ALTER TABLE "team_plan_gap" ADD CONSTRAINT "team_plan_gap_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
