-- A unit's channels and tasks have an order the coordinator sets (Administration → enhed →
-- Rækkefølge). The registration screen gives keys in that order (lib/registrations/keys.ts), so a
-- key means the same task all round: it changes only when the coordinator changes the order.
--
-- Until now the screen ranked tasks by the unit's last 90 days of registrations on every page load.
-- The first order is that ranking, taken once, so the keys clerks know stay where they are: screen
-- registrations only (MANUAL, UNIT_LOGIN; not uploads or mass registrations), most used first, then
-- by KLE number; Fejlhenvendelse (key 0) last. Channels keep the national order the screen used.

ALTER TABLE "unit_channel" ADD COLUMN "sort_order" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "unit_task" ADD COLUMN "sort_order" INTEGER NOT NULL DEFAULT 0;

UPDATE "unit_channel" AS uc
SET "sort_order" = o.position
FROM (
  SELECT uc2."unit_id", uc2."channel_code",
         ROW_NUMBER() OVER (PARTITION BY uc2."unit_id" ORDER BY c."sort_order", c."code") - 1 AS position
  FROM "unit_channel" uc2
  JOIN "channel" c ON c."code" = uc2."channel_code"
) AS o
WHERE uc."unit_id" = o."unit_id" AND uc."channel_code" = o."channel_code";

UPDATE "unit_task" AS ut
SET "sort_order" = o.position
FROM (
  SELECT ut2."unit_id", ut2."task_id",
         ROW_NUMBER() OVER (
           PARTITION BY ut2."unit_id"
           ORDER BY (t."number" = 'FEJL'), COALESCE(u.uses, 0) DESC, t."number"
         ) - 1 AS position
  FROM "unit_task" ut2
  JOIN "task" t ON t."id" = ut2."task_id"
  LEFT JOIN (
    SELECT r."unit_id", r."task_id", SUM(r."quantity") AS uses
    FROM "registration" r
    WHERE r."source" IN ('MANUAL', 'UNIT_LOGIN') AND r."occurred_at" >= CURRENT_TIMESTAMP - INTERVAL '90 days'
    GROUP BY r."unit_id", r."task_id"
  ) AS u ON u."unit_id" = ut2."unit_id" AND u."task_id" = ut2."task_id"
) AS o
WHERE ut."unit_id" = o."unit_id" AND ut."task_id" = o."task_id";
