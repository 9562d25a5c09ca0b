-- SAML 2.0 sign-in through KOMBIT's Context Handler (issue 15). The Context Handler names the
-- person's municipality by its CVR number (dk:gov:saml:attribute:CvrNumberIdentifier); KL or the
-- operator records each municipality's CVR number in Spor, and only a municipality with one can be
-- signed in to through SAML.
ALTER TABLE "municipality" ADD COLUMN "cvr" TEXT;
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_cvr_format" CHECK ("cvr" ~ '^[0-9]{8}$');
CREATE UNIQUE INDEX "municipality_cvr_key" ON "municipality"("cvr");

-- The AuthnRequests Spor sent and has not yet seen answered. A response is accepted only when its
-- InResponseTo names one of these; the row is deleted when the answer is used (or refused), so the
-- same response (or another one to the same request) cannot sign anyone in twice, on any instance.
CREATE TABLE "saml_request" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_request_pkey" PRIMARY KEY ("id")
);
