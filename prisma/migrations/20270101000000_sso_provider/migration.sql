-- Single sign-on per municipality (issue 15): each municipality may register its own OpenID Connect
-- provider. The client secret is stored encrypted by the application (AES-256-GCM, SPOR_SECRETS_KEY).
CREATE TABLE "sso_provider" (
    "municipality_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret" TEXT NOT NULL,
    "email_claim" TEXT NOT NULL DEFAULT 'email',
    "groups_claim" TEXT,
    "group_roles" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "password_disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_provider_pkey" PRIMARY KEY ("municipality_id")
);

ALTER TABLE "sso_provider" ADD CONSTRAINT "sso_provider_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;
