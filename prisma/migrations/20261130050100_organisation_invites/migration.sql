-- Organisations: a one-time code HR gives a person on the staff list, which they say in chat ("bli med
-- ABCD-EFGH") to link their learner to the member row — so assignments and reminders can reach them.
-- Only a SHA-256 hash of the code is stored; the row goes with the member.
CREATE TABLE "organisation_invite" (
    "code_hash" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_invite_pkey" PRIMARY KEY ("code_hash"),
    CONSTRAINT "organisation_invite_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "organisation_member"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "organisation_invite_member_id_idx" ON "organisation_invite"("member_id");
