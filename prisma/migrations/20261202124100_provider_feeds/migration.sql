-- Providers keep their own catalogue fresh (issue 19). A provider_feed is a URL Veileder harvests on a
-- schedule as the provider's own feed (its source is an own_feed of the provider): conditional GET with the
-- validators of the last good harvest, a claim so that one process harvests each due feed once, and its
-- health (last outcome, consecutive failures: a failing feed keeps its last good catalogue and backs off).
CREATE TABLE "provider_feed" (
    "id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mapping" JSONB,
    "source" TEXT NOT NULL,
    "schedule_minutes" INTEGER NOT NULL DEFAULT 1440,
    "etag" TEXT,
    "last_modified" TEXT,
    "next_harvest_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_outcome" TEXT,
    "last_error" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_run_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_feed_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "provider_feed_source_key" ON "provider_feed"("source");
CREATE INDEX "provider_feed_provider_id_idx" ON "provider_feed"("provider_id");
CREATE INDEX "provider_feed_next_harvest_at_idx" ON "provider_feed"("next_harvest_at");
ALTER TABLE "provider_feed" ADD CONSTRAINT "provider_feed_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_feed" ADD CONSTRAINT "provider_feed_last_run_id_fkey" FOREIGN KEY ("last_run_id") REFERENCES "import_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An import run made for a provider (a harvest of its feed, or an upload through its API), with what the
-- report needs beyond import_run's counts: the offerings it withdrew and the withdrawals it held back.
CREATE TABLE "provider_run" (
    "run_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "feed_id" TEXT,
    "origin" TEXT NOT NULL,
    "withdrawn_offering_ids" TEXT[],
    "withdrawals_held" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_run_pkey" PRIMARY KEY ("run_id")
);
CREATE INDEX "provider_run_provider_id_created_at_idx" ON "provider_run"("provider_id", "created_at");
ALTER TABLE "provider_run" ADD CONSTRAINT "provider_run_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "import_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_run" ADD CONSTRAINT "provider_run_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_run" ADD CONSTRAINT "provider_run_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "provider_feed"("id") ON DELETE SET NULL ON UPDATE CASCADE;
