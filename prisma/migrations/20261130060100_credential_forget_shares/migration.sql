-- When a learner is forgotten, their credentials' share links go too: they could no longer open anything
-- (Veileder's copy of the JWT is cleared), and their dates say when the learner shared what.
CREATE OR REPLACE FUNCTION "credential_forget_learner"() RETURNS trigger AS $$
BEGIN
  IF OLD."learner_id" IS NOT NULL AND NEW."learner_id" IS NULL THEN
    NEW."jwt" := NULL;
    NEW."recipient_name" := NULL;
    DELETE FROM "credential_share" WHERE "credential_id" = NEW."id";
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
