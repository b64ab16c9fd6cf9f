-- Direct Line conversations (adapters/web/direct-line) live in the database, not in one process's memory:
-- any process behind a load balancer serves any client, and what a client sends lands on disk, within limits.
-- An activity's sequence is the client's watermark; next_sequence and total_bytes enforce the per-conversation
-- limits in the same UPDATE that claims the next sequence. Idle conversations are purged with their activities.
CREATE TABLE "direct_line_conversation" (
    "id" TEXT NOT NULL,
    "next_sequence" INTEGER NOT NULL DEFAULT 0,
    "total_bytes" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "direct_line_conversation_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "direct_line_conversation_last_used_at_idx" ON "direct_line_conversation"("last_used_at");

CREATE TABLE "direct_line_activity" (
    "conversation_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "direct_line_activity_pkey" PRIMARY KEY ("conversation_id", "sequence"),
    CONSTRAINT "direct_line_activity_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "direct_line_conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
