-- Ingestion API: tokens a coordinator creates for their municipality (only the SHA-256 of the
-- secret is stored), optionally limited to units, and the token behind each API batch.

CREATE TABLE "api_token" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "token_hash" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "created_by_id" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "last_used_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3),
  CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_municipality_id_idx" ON "api_token"("municipality_id");
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "api_token_unit" (
  "token_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  CONSTRAINT "api_token_unit_pkey" PRIMARY KEY ("token_id", "unit_id")
);
CREATE INDEX "api_token_unit_unit_id_idx" ON "api_token_unit"("unit_id");
ALTER TABLE "api_token_unit" ADD CONSTRAINT "api_token_unit_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_token_unit" ADD CONSTRAINT "api_token_unit_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "import_batch" ADD COLUMN "api_token_id" UUID;
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "api_token"("id") ON DELETE SET NULL ON UPDATE CASCADE;
