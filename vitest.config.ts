import path from "node:path";
import { defineConfig } from "vitest/config";

// server-only throws outside Next's react-server code; the tests load server modules directly.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          // Each file gets its own fresh database (in-memory PGlite, or a new PostgreSQL database
          // when TEST_DATABASE_URL is set), copied from one migrated per run by the global setup.
          globalSetup: ["tests/helpers/db-template.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: more workers only thrash.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "abuse",
          include: ["tests/abuse/**/*.test.ts"],
          environment: "node",
          // Each file starts the production build as its own server (bin/spor.mjs serve) and attacks
          // it on loopback; one file at a time, so the attacks measure the server, not each other.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
