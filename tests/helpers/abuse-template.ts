import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import { createScratchDatabase } from "@/lib/database/scratch";

// The abuse suite's global setup: one database on the PostgreSQL server prepared exactly as a demo
// server's first start prepares its own (lib/database/prepare.ts: migrations, reference data with a
// round around today, demo data), which each file's server then gets a copy of (CREATE DATABASE …
// TEMPLATE, tests/abuse/helpers.ts). A first start costs seconds of CPU per server; the suite starts
// one server per file, one file at a time. Without a PostgreSQL server nothing is made (the suite's
// server checks are skipped then).

declare module "vitest" {
  export interface ProvidedContext {
    /** The template database's name on the server in TEST_DATABASE_URL, if there is one. */
    abuseTemplate: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let template: Awaited<ReturnType<typeof createScratchDatabase>>;
  try {
    template = await createScratchDatabase(serverUrl, "spor_abuse_template");
  } catch {
    project.provide("abuseTemplate", undefined);
    return;
  }
  const database = openDatabase({ kind: "server", url: template.url });
  try {
    await prepareDatabase(database, { demoOnFirstStart: true });
  } finally {
    await database.close();
  }
  project.provide("abuseTemplate", template.name);
  return () => template.drop();
}
