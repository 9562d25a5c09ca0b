import { UserFacingError } from "@/lib/errors";

// PostgreSQL's statement and lock timeouts (lib/database sets them per connection) end a request
// that would otherwise wait for the database; the user gets a Danish "try again" with 503.
const BUSY_CODES = new Set(["57014", "55P03", "40P01"]); // query_canceled (statement_timeout), lock_not_available, deadlock

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

/**
 * A refusal the wrappers audit-log for a signed-in caller: no role (AccessDeniedError, 403), or a
 * resource outside the caller's scope, which the domain answers with 403 or "not found" (404) so
 * that another municipality's ids reveal nothing.
 */
export function isRefusal(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError && (error.status === 403 || error.status === 404);
}
