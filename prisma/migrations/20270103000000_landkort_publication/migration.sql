-- Det Digitale Landkort (/landkort) shows a municipality's own figures only when its coordinator has
-- chosen to publish them (Administration → Landkort). Off by default: nothing a municipality counted
-- is public until it says so. KL's national totals are always public.

ALTER TABLE "municipality" ADD COLUMN "publish_landkort" BOOLEAN NOT NULL DEFAULT false;
