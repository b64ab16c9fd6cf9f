-- The assistant: a channel's own conversation key (web session token, Teams conversation id, Slack thread),
-- so a turn continues the conversation its channel means; several conversations may share a key over time
-- (a returning learner after a long pause starts a new one).
ALTER TABLE "conversation" ADD COLUMN "session_key" TEXT;
CREATE INDEX "conversation_channel_session_key_idx" ON "conversation"("channel", "session_key");
