-- A record whose URL another provider's offering already has is no longer merged into it (a feed reusing
-- NMBU's URLs took over NMBU's title, price and description, security issue 15): it becomes an offering of
-- its own provider, and the pair is kept here for catalogue care to look at, each with its source records.
CREATE TABLE "duplicate_suggestion" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    -- The offering the import created instead of merging.
    "offering_id" TEXT NOT NULL,
    -- The other provider's offering it looks like.
    "duplicate_of_id" TEXT NOT NULL,
    -- same_url
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "duplicate_suggestion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "duplicate_suggestion_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "duplicate_suggestion_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "duplicate_suggestion_offering_id_duplicate_of_id_key" ON "duplicate_suggestion"("offering_id", "duplicate_of_id");
CREATE INDEX "duplicate_suggestion_duplicate_of_id_idx" ON "duplicate_suggestion"("duplicate_of_id");
