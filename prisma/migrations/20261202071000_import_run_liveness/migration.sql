-- A killed import left its run unfinished for ever, counts 0 (security issue 15, item 18). A run now says
-- whether it is running, finished or failed; a running one records the process doing it (host and pid) and
-- a heartbeat, so a later look can tell the process is gone and mark the run failed, saying why.
ALTER TABLE "import_run" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'running';
ALTER TABLE "import_run" ADD COLUMN "host" TEXT;
ALTER TABLE "import_run" ADD COLUMN "pid" INTEGER;
ALTER TABLE "import_run" ADD COLUMN "heartbeat_at" TIMESTAMP(3);
ALTER TABLE "import_run" ADD COLUMN "failure" TEXT;
-- Runs from before: finished when they say so; an unfinished one is judged by the next look (no host, so
-- by its age).
UPDATE "import_run" SET "status" = 'finished' WHERE "finished_at" IS NOT NULL;
CREATE INDEX "import_run_status_idx" ON "import_run"("status");
