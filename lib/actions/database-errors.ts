import { UserFacingError } from "@/lib/errors";

// PostgreSQL's statement and lock timeouts (lib/database/timeouts.ts sets them per connection) end a
// request that would otherwise wait for the database; the user gets a Danish "try again" with 503.
// The SQLSTATE is on the error itself from node-postgres and PGlite (the raw SQL executor), and on
// meta.driverAdapterError.cause from Prisma's driver adapters (tests/db/database-timeouts.test.ts).
const BUSY_CODES = new Set([
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
  "40P01", // deadlock_detected
  "40001", // serialization_failure
  "P2028", // Prisma: an interactive transaction could not start in time, or ran past its timeout
  "P2034", // Prisma: write conflict or deadlock in a transaction
]);

export const DATABASE_BUSY_MESSAGE = "Databasen er optaget lige nu. Vent et øjeblik, og prøv igen.";

function codeOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as { code?: unknown; cause?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown } };
  if (typeof e.code === "string" && BUSY_CODES.has(e.code)) return e.code;
  if (typeof e.meta?.code === "string" && BUSY_CODES.has(e.meta.code)) return e.meta.code;
  return codeOf(e.cause, depth + 1) ?? codeOf(e.meta?.driverAdapterError, depth + 1);
}

/** A 503 UserFacingError when `error` is a database timeout, else null. */
export function databaseBusy(error: unknown): UserFacingError | null {
  return codeOf(error) ? new UserFacingError(DATABASE_BUSY_MESSAGE, 503) : null;
}
