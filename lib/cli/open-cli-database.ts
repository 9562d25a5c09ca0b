import { setDatabase } from "@/lib/db";
import { describeTarget, resolveDatabaseTarget } from "@/lib/database/config";
import { openDatabase, type SporDatabase } from "@/lib/database/open";

/** Opens the configured database for one CLI command (refusing an embedded directory a server holds). */
export async function withCliDatabase<T>(fn: (db: SporDatabase) => Promise<T>): Promise<T> {
  const target = resolveDatabaseTarget();
  const database = openDatabase(target);
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
