-- Every chat turn asks whether web notices wait for its learner; without this the question scans push_message.
CREATE INDEX "push_message_learner_id_idx" ON "push_message"("learner_id");
