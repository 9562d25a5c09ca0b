-- Municipal administration: single-use activation and password-reset links (hash only), and the
-- per-round setup snapshots behind "Start fra sidste runde".

CREATE TYPE "TokenPurpose" AS ENUM ('ACTIVATION', 'PASSWORD_RESET');

CREATE TABLE "user_token" (
  "id" UUID NOT NULL,
  "user_id" TEXT NOT NULL,
  "purpose" "TokenPurpose" NOT NULL,
  "token_hash" TEXT NOT NULL,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "used_at" TIMESTAMPTZ(3),
  "created_by_id" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "user_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "user_token_token_hash_key" ON "user_token"("token_hash");
CREATE INDEX "user_token_user_id_idx" ON "user_token"("user_id");
ALTER TABLE "user_token" ADD CONSTRAINT "user_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "round_setup_snapshot" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "round_id" UUID NOT NULL,
  "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "setup" JSONB NOT NULL,
  CONSTRAINT "round_setup_snapshot_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "round_setup_snapshot_municipality_id_round_id_key" ON "round_setup_snapshot"("municipality_id", "round_id");
CREATE INDEX "round_setup_snapshot_round_id_idx" ON "round_setup_snapshot"("round_id");
ALTER TABLE "round_setup_snapshot" ADD CONSTRAINT "round_setup_snapshot_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "round_setup_snapshot" ADD CONSTRAINT "round_setup_snapshot_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "counting_round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
