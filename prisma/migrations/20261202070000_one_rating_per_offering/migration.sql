-- One rating per learner and offering: rating a suggestion again replaces the earlier score, so an
-- offering's average counts people, not clicks. Earlier repeats are folded into their latest first.
DELETE FROM "rating" r
 USING "rating" later
 WHERE r."offering_id" IS NOT NULL
   AND later."learner_id" = r."learner_id" AND later."offering_id" = r."offering_id"
   AND (later."created_at", later."id") > (r."created_at", r."id");

CREATE UNIQUE INDEX "rating_learner_id_offering_id_key" ON "rating"("learner_id", "offering_id") WHERE "offering_id" IS NOT NULL;
