-- A provider's own account in the workspace (role 'provider'): it sees only its provider's page — feeds,
-- runs, quality problems, API keys, ratings — and no adviser section. Invited by an admin.
ALTER TABLE "adviser" ADD COLUMN "provider_id" TEXT;
CREATE INDEX "adviser_provider_id_idx" ON "adviser"("provider_id");
ALTER TABLE "adviser" ADD CONSTRAINT "adviser_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;
