import { getDatabase } from "./lib/db";
import { baseUrl } from "./lib/http/base-url";
import { instanceSettingsProblems, readBuildFacts } from "./lib/http/instance-settings";
import { prepareDatabase } from "./lib/database/prepare";

/**
 * Opens the database (this process then owns the embedded PGlite directory), migrates it and loads
 * reference data. Demo data is loaded on the first start of the embedded database (SPOR_DEMO=0 turns
 * that off) and on a server database only with SPOR_DEMO=1: demo users must never reach production.
 */
export async function prepareOnServerStart(): Promise<void> {
  try {
    baseUrl(); // SPOR_BASE_URL: required on a PostgreSQL server in production, and must be a plain origin
    // The server-action key and deployment id every instance shares (lib/http/instance-settings.ts).
    const problems = instanceSettingsProblems(process.env, readBuildFacts());
    if (problems.length) throw new Error(problems.join("\n[spor] "));
  } catch (error) {
    console.error(`[spor] ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    const database = getDatabase();
    const embedded = database.target.kind !== "server";
    const demo = embedded ? process.env.SPOR_DEMO !== "0" : process.env.SPOR_DEMO === "1";
    await prepareDatabase(database, { demoOnFirstStart: demo, log: (message) => console.log(`[spor] ${message}`) });
  } catch (error) {
    console.error(`[spor] Databasen kunne ikke klargøres: ${(error as Error).message}`);
    process.exit(1);
  }
}
