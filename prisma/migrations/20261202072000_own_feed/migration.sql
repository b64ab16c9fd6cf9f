-- A provider's own feed: a source an operator declared (veileder import --own-feed-of PROVIDER) to be that
-- provider's. It may list only that provider's offerings, and where it describes the same offering as an
-- aggregator (utdanning.no, a MOOC platform), its fields win (security issue 15).
CREATE TABLE "own_feed" (
    "source" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "own_feed_pkey" PRIMARY KEY ("source"),
    CONSTRAINT "own_feed_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "own_feed_provider_id_idx" ON "own_feed"("provider_id");
