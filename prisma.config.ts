// Prisma CLI configuration. Only `prisma generate` is used: the migration engine cannot be
// downloaded in our environments, so migrations are applied by lib/database/migrator.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
