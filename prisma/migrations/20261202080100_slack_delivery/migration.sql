-- Slack requests already taken (adapters/storage/slack-delivery-store.ts): the Events API's event_id, or the
-- signature of a request without one, until it can no longer come back. In the database so a retry or a
-- replay reaching another server process is still recognised.
CREATE TABLE "slack_delivery" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "slack_delivery_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "slack_delivery_expires_at_idx" ON "slack_delivery"("expires_at");
