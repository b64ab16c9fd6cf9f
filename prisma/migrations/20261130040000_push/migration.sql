-- Push (issue 7): learners follow topics or their whole profile and get one digest of new matching
-- offerings per period in their own channel; other features (organisations' assignments and reminders)
-- send single messages through the same outbox. Every row about a learner goes with the learner.

-- One row per learner: how often, when not, and whether they said no to the offer or unsubscribed.
CREATE TABLE "push_preference" (
    "learner_id" TEXT NOT NULL,
    "rhythm" TEXT NOT NULL DEFAULT 'weekly', -- weekly | monthly | off
    "quiet_start_hour" SMALLINT NOT NULL DEFAULT 22,
    "quiet_end_hour" SMALLINT NOT NULL DEFAULT 7,
    "time_zone" TEXT NOT NULL DEFAULT 'Europe/Oslo',
    "language" TEXT NOT NULL DEFAULT 'nb',
    "offer_declined_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "push_preference_pkey" PRIMARY KEY ("learner_id"),
    CONSTRAINT "push_preference_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "push_preference_rhythm_check" CHECK ("rhythm" IN ('weekly', 'monthly', 'off')),
    CONSTRAINT "push_preference_quiet_check" CHECK ("quiet_start_hour" BETWEEN 0 AND 23 AND "quiet_end_hour" BETWEEN 0 AND 23)
);

-- What a learner follows: their whole profile, or a topic in their own words.
CREATE TABLE "push_subscription" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "learner_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL, -- profile | topic
    "topic" TEXT NOT NULL DEFAULT '', -- '' for the profile
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "push_subscription_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "push_subscription_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "push_subscription_kind_check" CHECK ("kind" IN ('profile', 'topic'))
);
CREATE UNIQUE INDEX "push_subscription_learner_kind_topic_key" ON "push_subscription"("learner_id", "kind", "topic");

-- The outbox: every proactive message (a digest, an assignment, a reminder) with its delivery state.
-- dedupe_key makes enqueueing idempotent; a digest's key is digest:<learner>:<period>, and the partial
-- unique index below says the same in the schema: one digest per learner per period.
CREATE TABLE "push_message" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "learner_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL, -- digest | assignment | reminder | notice
    "dedupe_key" TEXT NOT NULL,
    "period" TEXT, -- digests: 2026-W49 or 2026-12 in the learner's time zone
    "payload" JSONB NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'pending', -- pending | sending | sent | cancelled | failed
    "channel" TEXT, -- where it went: teams | slack | web
    "not_before" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_by" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "activity_id" TEXT, -- the channel's id of the sent message (Teams activity id, Slack ts)
    "sent_at" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3), -- web: shown at the learner's visit
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "push_message_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "push_message_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "push_message_state_check" CHECK ("state" IN ('pending', 'sending', 'sent', 'cancelled', 'failed'))
);
CREATE UNIQUE INDEX "push_message_dedupe_key_key" ON "push_message"("dedupe_key");
CREATE UNIQUE INDEX "push_message_digest_period_key" ON "push_message"("learner_id", "period") WHERE "kind" = 'digest';
CREATE INDEX "push_message_due_idx" ON "push_message"("state", "not_before");

-- A new or changed offering matched for a learner; the (learner, offering) key means never twice.
CREATE TABLE "push_match" (
    "learner_id" TEXT NOT NULL,
    "offering_id" TEXT NOT NULL,
    "subscription_id" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '{}',
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message_id" TEXT, -- the digest it went out in; null = waiting
    CONSTRAINT "push_match_pkey" PRIMARY KEY ("learner_id", "offering_id"),
    CONSTRAINT "push_match_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "push_match_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "push_match_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "push_subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "push_match_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "push_message"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "push_match_waiting_idx" ON "push_match"("learner_id") WHERE "message_id" IS NULL;

-- Small named values the push jobs share between processes: the matching cursor (offerings updated
-- after it are still to be matched) and the generated unsubscribe-link key when none is configured.
CREATE TABLE "push_state" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "push_state_pkey" PRIMARY KEY ("name")
);
