import "server-only";
import fs from "node:fs";
import { appliedMigrations, migrate } from "@/lib/database/migrator";
import { prepareDatabase } from "@/lib/database/prepare";
import { UserFacingError } from "@/lib/errors";
import { seedDemoData } from "@/lib/seed/demo";
import { purgePersonalData } from "@/lib/privacy/purge";
import { retentionSettings } from "@/lib/privacy/settings";
import { importKle } from "@/lib/tasks/kle-import";
import { withCliDatabase } from "./open-cli-database";

export async function runMigrate(): Promise<number> {
  return withCliDatabase(async (db) => {
    const applied = await migrate(db.sql);
    console.log(applied.length ? `Kørte ${applied.length} migreringer: ${applied.join(", ")}` : "Databasen er opdateret.");
    return 0;
  });
}

export async function runSeed(demo: boolean): Promise<number> {
  return withCliDatabase(async (db) => {
    await prepareDatabase(db, { demoOnFirstStart: false, log: (m) => console.log(m) });
    console.log("Referencedata er indlæst.");
    if (demo) {
      await seedDemoData(db.prisma);
      console.log("Demodata er indlæst (se README for demobrugere).");
    }
    return 0;
  });
}

export async function runKleImport(file: string): Promise<number> {
  if (!fs.existsSync(file)) throw new UserFacingError(`Filen findes ikke: ${file}`);
  const xml = fs.readFileSync(file, "utf8");
  return withCliDatabase(async (db) => {
    await migrate(db.sql);
    const result = await importKle(db.prisma, xml);
    console.log(
      `KLE indlæst: ${result.created} nye, ${result.updated} opdaterede, ${result.unchanged} uændrede ` +
        `(${Object.entries(result.byLevel)
          .map(([level, n]) => `${level}: ${n}`)
          .join(", ")}).`,
    );
    return 0;
  });
}

export async function runStatus(): Promise<number> {
  return withCliDatabase(async (db) => {
    const migrations = await appliedMigrations(db.sql);
    const [municipalities, units, users, tasks, registrations] = await Promise.all([
      db.prisma.municipality.count(),
      db.prisma.unit.count(),
      db.prisma.user.count(),
      db.prisma.task.count(),
      db.prisma.registration.count(),
    ]);
    console.log(`Migreringer: ${migrations.length} (${migrations.at(-1) ?? "ingen"})`);
    console.log(`Kommuner: ${municipalities}, enheder: ${units}, brugere: ${users}, opgaver: ${tasks}, registreringer: ${registrations}`);
    return 0;
  });
}

export async function runPurge(dryRun: boolean): Promise<number> {
  const settings = retentionSettings();
  return withCliDatabase(async (db) => {
    const r = await purgePersonalData(db.prisma, settings, { dryRun });
    console.log(
      `${dryRun ? "Ville slette" : "Slettede"}: ${r.sessions} udløbne sessioner, ${r.verifications} udløbne bekræftelser, ` +
        `${r.loginAttempts} loginforsøg (ældre end 90 dage), ${r.auditEvents} auditrækker` +
        `${settings.auditDays ? ` (ældre end ${settings.auditDays} dage)` : " (beholdes)"}; ` +
        `${dryRun ? "ville anonymisere" : "anonymiserede"} ${r.anonymisedUsers} deaktiverede brugere` +
        `${settings.deactivatedDays ? ` (deaktiveret over ${settings.deactivatedDays} dage)` : " (slået fra)"}.`,
    );
    return 0;
  });
}
