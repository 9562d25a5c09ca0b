-- One Spor account row per identity at a provider. Better Auth's own schema has no such key, so two
-- first single sign-ons of the same person at once (two tabs, a double click, a sign-in storm) could
-- both link the provider's subject, and from then on Better Auth refused every sign-in of that person
-- ("Multiple accounts match the same accountId"). Duplicates already stored are removed, keeping
-- the oldest link; the second of two simultaneous first sign-ins now fails once instead.
DELETE FROM "account" a
 USING "account" b
 WHERE a."provider_id" = b."provider_id"
   AND a."account_id" = b."account_id"
   AND (a."created_at", a."id") > (b."created_at", b."id");

CREATE UNIQUE INDEX "account_provider_id_account_id_key" ON "account"("provider_id", "account_id");
