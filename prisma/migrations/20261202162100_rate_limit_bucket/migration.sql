-- Per-client rate limits shared by every process on a PostgreSQL server (adapters/storage/rate-limit-store.ts):
-- one token bucket per limiter and client, taken from in one upsert. UNLOGGED: a bucket is worth nothing after
-- a crash (every bucket is full again within a minute), so its writes skip the WAL.
CREATE UNLOGGED TABLE "rate_limit_bucket" (
    "limiter" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("limiter","client")
);

CREATE INDEX "rate_limit_bucket_updated_at_idx" ON "rate_limit_bucket"("updated_at");
