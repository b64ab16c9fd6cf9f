-- Providers: public or private ownership (it decides whether a Norwegian degree is tuition-free) and a note
-- saying what the accreditation (or its absence) means, both from data/providers.json.
ALTER TABLE "provider" ADD COLUMN "ownership" TEXT;
ALTER TABLE "provider" ADD COLUMN "accreditation_note" TEXT;
-- The importer looks sources up by feed and status (withdrawing what a full import no longer lists).
CREATE INDEX "offering_source_source_status_idx" ON "offering_source"("source", "status");
