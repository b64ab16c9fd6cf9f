-- Every chat turn looks for the learner's latest open conversation on its channel. Without this the planner
-- joined the learner's index with (channel, session_key), whose scan reads every conversation on the channel
-- (13,850 rows, 0.95 ms of a 1.4 ms statement after a few thousand bench conversations) and grows with them.
CREATE INDEX "conversation_learner_id_channel_last_turn_at_idx" ON "conversation"("learner_id", "channel", "last_turn_at" DESC);
