import "server-only";
import { setDatabase } from "@/lib/db";
import { describeTarget, resolveDatabaseTarget } from "@/lib/database/config";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";

/** Opens the configured database for one CLI command (refusing an embedded directory a server holds). */
export async function withCliDatabase<T>(fn: (db: SporDatabase) => Promise<T>): Promise<T> {
  const target = resolveDatabaseTarget();
  // Imports, rollup rebuilds and reports from the command line may run long: no statement limit.
  const database = openDatabase(target, { timeouts: CLI_TIMEOUTS });
  setDatabase(database);
  try {
    await database.sql.query("SELECT 1");
    console.error(`Database: ${describeTarget(target)}`);
    return await fn(database);
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}
