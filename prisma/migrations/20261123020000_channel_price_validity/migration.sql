-- Channel prices get a start date, so a new price does not rewrite the cost of earlier rounds: a
-- row holds a price from valid_from until the next row for the same channel and municipality.
-- Existing prices apply from the beginning (2000-01-01). A municipality's row with no price says
-- "from here on, the national price applies" (its override was removed).
ALTER TABLE "channel_price" ADD COLUMN "valid_from" DATE NOT NULL DEFAULT DATE '2000-01-01';
ALTER TABLE "channel_price" ALTER COLUMN "price_ore" DROP NOT NULL;
ALTER TABLE "channel_price" ADD CONSTRAINT "channel_price_national_has_price" CHECK ("municipality_id" IS NOT NULL OR "price_ore" IS NOT NULL);
DROP INDEX "channel_price_channel_code_municipality_id_key";
CREATE UNIQUE INDEX "channel_price_channel_code_municipality_id_valid_from_key"
  ON "channel_price"("channel_code", "municipality_id", "valid_from") NULLS NOT DISTINCT;
