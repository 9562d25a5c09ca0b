import path from "node:path";
import { defineConfig } from "vitest/config";

// server-only throws outside Next's react-server code; the tests load server modules directly.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

// Database test files that mock modules (vi.mock): run isolated, each in a fresh module graph.
const ISOLATED_DB_FILES = ["tests/db/authorization-matrix.test.ts", "tests/db/upload-worker.test.ts"];

// Files that test the embedded database itself (the migrator on PGlite, the data directory's locks
// and restarts, PGlite in a worker thread) and never open TEST_DATABASE_URL's server: the run on the
// PostgreSQL server would repeat them unchanged (93 s of its test time in CI), so it leaves them out.
const EMBEDDED_ONLY_DB_FILES = ["tests/db/database-lifecycle.test.ts", "tests/db/pglite-remote.test.ts"];
const onServer = Boolean(process.env.TEST_DATABASE_URL);

// Both database projects: each file gets its own fresh database (in-memory PGlite, or a new
// PostgreSQL database when TEST_DATABASE_URL is set), copied from the templates the global setup
// makes once per run (both projects share them).
const dbTest = {
  environment: "node",
  globalSetup: ["tests/helpers/db-template.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Two cores: more workers only thrash.
  maxWorkers: 2,
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
          exclude: [...ISOLATED_DB_FILES, ...(onServer ? EMBEDDED_ONLY_DB_FILES : [])],
          ...dbTest,
          // The files of a worker share one module graph: Prisma's client, PGlite's WebAssembly and
          // the app's modules are loaded once per worker, not once per file (0.73× the CPU time of
          // isolated files, docs/benchmarks.md "Test suite"). Each file still gets its own database
          // (createTestDatabase installs it and forgets the previous file's Better Auth instance).
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Files that replace modules with vi.mock need a module graph of their own: a mock would
          // otherwise reach the files after them in the same worker, or miss a module already loaded.
          name: "db-isolated",
          include: ISOLATED_DB_FILES,
          ...dbTest,
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
          // One demo database on the PostgreSQL server that each file's server starts from a copy of.
          globalSetup: ["tests/helpers/abuse-template.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
