-- Failed adviser sign-ins per client address in a fixed window (adapters/storage/sign-in-throttle-store.ts).
-- Kept in the database so every server process counts against the same limit.
CREATE TABLE "sign_in_throttle" (
    "address" TEXT NOT NULL,
    "window_started_at" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("address")
);
CREATE INDEX "sign_in_throttle_window_started_at_idx" ON "sign_in_throttle"("window_started_at");
