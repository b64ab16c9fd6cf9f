-- Proof of learning (docs/credentials.md): Open Badges 3.0 credentials signed as VC-JWTs, the issuer's signing
-- keys (private keys encrypted at rest with a key derived from VEILEDER_CREDENTIAL_SECRET), Bitstring Status
-- Lists for revocation, per-provider API keys for reporting completions, and the learner's share links.

CREATE TABLE "credential_signing_key" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    -- AES-256-GCM: base64url(iv).base64url(tag).base64url(ciphertext) of the private key as PKCS#8 PEM.
    "private_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Set when a newer key took over; the public key stays published so earlier credentials still verify.
    "retired_at" TIMESTAMP(3),
    CONSTRAINT "credential_signing_key_pkey" PRIMARY KEY ("id")
);
-- At most one key signs at a time.
CREATE UNIQUE INDEX "credential_signing_key_one_active" ON "credential_signing_key" ((true)) WHERE "retired_at" IS NULL;

CREATE TABLE "credential_status_list" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'revocation',
    "size_bits" INTEGER NOT NULL,
    "next_index" INTEGER NOT NULL DEFAULT 0,
    -- The signed BitstringStatusListCredential as published; rebuilt whenever a bit changes.
    "jwt" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "credential_status_list_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "credential" (
    "id" TEXT NOT NULL,
    "learner_id" TEXT,
    -- The pseudonymous credentialSubject.id (urn:uuid:…), the same for all of one learner's credentials.
    "subject_id" TEXT NOT NULL,
    "recipient_name" TEXT,
    "offering_id" TEXT,
    "achievement_id" TEXT NOT NULL,
    "achievement_name" TEXT NOT NULL,
    "achievement_type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "provider_id" TEXT,
    "issued_by_adviser_id" TEXT,
    "key_id" TEXT NOT NULL,
    "status_list_id" TEXT NOT NULL,
    "status_index" INTEGER NOT NULL,
    "valid_from" TIMESTAMP(3) NOT NULL,
    "valid_until" TIMESTAMP(3),
    "issued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),
    "revocation_reason" TEXT,
    "jwt" TEXT,
    "jwt_sha256" TEXT NOT NULL,
    CONSTRAINT "credential_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "credential_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credential_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credential_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credential_issued_by_adviser_id_fkey" FOREIGN KEY ("issued_by_adviser_id") REFERENCES "adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credential_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "credential_signing_key"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "credential_status_list_id_fkey" FOREIGN KEY ("status_list_id") REFERENCES "credential_status_list"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "credential_status_list_id_status_index_key" ON "credential"("status_list_id", "status_index");
CREATE INDEX "credential_learner_id_idx" ON "credential"("learner_id");
CREATE INDEX "credential_subject_id_idx" ON "credential"("subject_id");
CREATE INDEX "credential_jwt_sha256_idx" ON "credential"("jwt_sha256");

-- "Forget me": the learner row goes, the credential row stays (it must remain revocable, and its status bit
-- must keep its meaning), but Veileder's copy of the signed JWT and the recipient's name go with the learner.
-- The holder keeps the JWT they downloaded; it still verifies against the published keys and status list.
CREATE FUNCTION "credential_forget_learner"() RETURNS trigger AS $$
BEGIN
  IF OLD."learner_id" IS NOT NULL AND NEW."learner_id" IS NULL THEN
    NEW."jwt" := NULL;
    NEW."recipient_name" := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "credential_forget_learner" BEFORE UPDATE OF "learner_id" ON "credential"
  FOR EACH ROW EXECUTE FUNCTION "credential_forget_learner"();

CREATE TABLE "credential_share" (
    "token_hash" TEXT NOT NULL,
    "credential_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "revoked_at" TIMESTAMP(3),
    CONSTRAINT "credential_share_pkey" PRIMARY KEY ("token_hash"),
    CONSTRAINT "credential_share_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "credential"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "credential_share_credential_id_idx" ON "credential_share"("credential_id");

CREATE TABLE "provider_api_key" (
    "id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    -- SHA-256 of a 256-bit random key: a slow hash adds nothing against guessing a key this long.
    "key_hash" TEXT NOT NULL,
    "label" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    CONSTRAINT "provider_api_key_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "provider_api_key_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "provider_api_key_key_hash_key" ON "provider_api_key"("key_hash");
CREATE INDEX "provider_api_key_provider_id_idx" ON "provider_api_key"("provider_id");
