-- An adviser may name the learner a staff-list member is (by learner id), but only as an invitation: the
-- code is bound to that learner, and the member is linked only when that learner says it in chat. The
-- invitation goes with the learner when their data is deleted.
ALTER TABLE "organisation_invite" ADD COLUMN "learner_id" TEXT;
ALTER TABLE "organisation_invite" ADD CONSTRAINT "organisation_invite_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "organisation_invite_learner_id_idx" ON "organisation_invite"("learner_id");
