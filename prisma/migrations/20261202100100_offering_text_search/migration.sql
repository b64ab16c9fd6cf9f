-- GET /api/offerings?q= narrows with LIKE '%word%' on the folded title and description; without an index
-- every search read and folded the whole catalogue (EXPLAIN ANALYZE on the 6,325-offering eval catalogue:
-- 350–600 ms per query, two queries per request). A trigram index answers the same LIKE in 8–60 ms.
-- The expression must stay exactly the one adapters/storage/find-offerings.ts builds, or it goes unused.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "offering_folded_text_trgm_idx" ON "offering" USING gin (lower(translate(("title" || ' ' || "description"), 'ÆØÅÉ', 'æøåé')) gin_trgm_ops);
