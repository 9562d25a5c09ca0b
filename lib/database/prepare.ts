import "server-only";
import { seedDemoData } from "@/lib/seed/demo";
import { seedReferenceData } from "@/lib/seed/reference";
import { describeTarget } from "./config";
import { migrate } from "./migrator";
import type { SporDatabase } from "./open";

export interface PrepareOptions {
  /** Load demo municipalities and users when the database has no municipality yet. */
  demoOnFirstStart: boolean;
  log?: (message: string) => void;
}

/** Migrates, loads reference data (idempotent) and, on a fresh demo database, the demo data. */
export async function prepareDatabase(db: SporDatabase, options: PrepareOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const applied = await migrate(db.sql);
  log(`Database: ${describeTarget(db.target)}; ${applied.length} nye migreringer.`);
  // A demo installation keeps a round around today, so registering shows "inside the counting weeks".
  await seedReferenceData(db.prisma, { currentRound: options.demoOnFirstStart });
  if (options.demoOnFirstStart && (await db.prisma.municipality.count()) === 0) {
    await seedDemoData(db.prisma);
    log("Demodata indlæst (se README for brugere).");
  }
}
