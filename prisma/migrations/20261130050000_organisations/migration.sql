-- Organisations: a business's profile (set up by an HR person in the advisers' workspace, over the API or in
-- a Teams/Slack conversation), its roles (STYRK-08) and members, offerings recommended to members
-- (assignments, with a tracked status), courses mandatory for a role, when a member was last reminded of a
-- missing mandatory course, and the state of an unfinished set-up in chat.
-- Learner references are ON DELETE SET NULL where the organisation's own row must survive "forget me"
-- (a member stays on the staff list, unlinked), and CASCADE where the row is only the learner's own.

CREATE TABLE "organisation" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "name" TEXT NOT NULL,
    "organisation_number" TEXT NOT NULL,
    "industry_code" TEXT,
    "county" TEXT,
    "size" INTEGER,
    "learning_budget_nok" DOUBLE PRECISION,
    "hours_per_week" DOUBLE PRECISION,
    "locale" TEXT,
    "owner_adviser_id" TEXT,
    "owner_learner_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organisation_size_range" CHECK ("size" IS NULL OR "size" >= 0),
    CONSTRAINT "organisation_budget_range" CHECK ("learning_budget_nok" IS NULL OR "learning_budget_nok" >= 0),
    CONSTRAINT "organisation_hours_range" CHECK ("hours_per_week" IS NULL OR ("hours_per_week" >= 0 AND "hours_per_week" <= 168)),
    CONSTRAINT "organisation_owner_adviser_id_fkey" FOREIGN KEY ("owner_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "organisation_owner_learner_id_fkey" FOREIGN KEY ("owner_learner_id") REFERENCES "learner"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "organisation_organisation_number_key" ON "organisation"("organisation_number");
CREATE INDEX "organisation_owner_adviser_id_idx" ON "organisation"("owner_adviser_id");
CREATE INDEX "organisation_owner_learner_id_idx" ON "organisation"("owner_learner_id");

CREATE TABLE "organisation_role" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "organisation_id" TEXT NOT NULL,
    "styrk_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_role_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organisation_role_headcount_range" CHECK ("headcount" >= 0),
    CONSTRAINT "organisation_role_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "organisation_role_organisation_id_title_key" ON "organisation_role"("organisation_id", "title");

CREATE TABLE "organisation_member" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "organisation_id" TEXT NOT NULL,
    "role_id" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "learner_id" TEXT,
    "access" TEXT NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_member_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organisation_member_access_kind" CHECK ("access" IN ('member', 'hr')),
    CONSTRAINT "organisation_member_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_member_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "organisation_role"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "organisation_member_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "organisation_member_organisation_id_idx" ON "organisation_member"("organisation_id");
CREATE INDEX "organisation_member_role_id_idx" ON "organisation_member"("role_id");
CREATE INDEX "organisation_member_learner_id_idx" ON "organisation_member"("learner_id");
CREATE UNIQUE INDEX "organisation_member_organisation_id_email_key" ON "organisation_member"("organisation_id", "email");
CREATE UNIQUE INDEX "organisation_member_organisation_id_learner_id_key" ON "organisation_member"("organisation_id", "learner_id");

CREATE TABLE "organisation_assignment" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "organisation_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "offering_id" TEXT NOT NULL,
    "role_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'suggested',
    "note" TEXT,
    "assigned_by_adviser_id" TEXT,
    "delivered_at" TIMESTAMP(3),
    "status_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_assignment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organisation_assignment_status_kind" CHECK ("status" IN ('suggested', 'accepted', 'started', 'completed', 'declined')),
    CONSTRAINT "organisation_assignment_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_assignment_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "organisation_member"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_assignment_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_assignment_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "organisation_role"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "organisation_assignment_assigned_by_adviser_id_fkey" FOREIGN KEY ("assigned_by_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "organisation_assignment_member_id_offering_id_key" ON "organisation_assignment"("member_id", "offering_id");
CREATE INDEX "organisation_assignment_organisation_id_idx" ON "organisation_assignment"("organisation_id");
CREATE INDEX "organisation_assignment_offering_id_idx" ON "organisation_assignment"("offering_id");

CREATE TABLE "organisation_mandatory_course" (
    "role_id" TEXT NOT NULL,
    "offering_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_mandatory_course_pkey" PRIMARY KEY ("role_id", "offering_id"),
    CONSTRAINT "organisation_mandatory_course_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "organisation_role"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_mandatory_course_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_mandatory_course_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "organisation_mandatory_course_organisation_id_idx" ON "organisation_mandatory_course"("organisation_id");

CREATE TABLE "organisation_reminder" (
    "member_id" TEXT NOT NULL,
    "offering_id" TEXT NOT NULL,
    "reminded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_reminder_pkey" PRIMARY KEY ("member_id", "offering_id"),
    CONSTRAINT "organisation_reminder_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "organisation_member"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organisation_reminder_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "organisation_setup" (
    "learner_id" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "draft" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organisation_setup_pkey" PRIMARY KEY ("learner_id"),
    CONSTRAINT "organisation_setup_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
