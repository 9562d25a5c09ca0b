-- Registration screen: per-user shortcut setting and personal favourites.

ALTER TABLE "user" ADD COLUMN "shortcuts_enabled" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "favourite" (
  "id" UUID NOT NULL,
  "user_id" TEXT NOT NULL,
  "unit_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "channel_code" TEXT NOT NULL,
  "task_id" UUID NOT NULL,
  "contact_type_code" TEXT NOT NULL,
  "closure_code" TEXT NOT NULL,
  "form" BOOLEAN,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "favourite_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "favourite_user_id_unit_id_name_key" ON "favourite"("user_id", "unit_id", "name");

ALTER TABLE "favourite" ADD CONSTRAINT "favourite_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "favourite" ADD CONSTRAINT "favourite_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "favourite" ADD CONSTRAINT "favourite_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
