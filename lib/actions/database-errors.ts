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

/**
 * A refusal the wrappers audit-log for a signed-in caller: no role (AccessDeniedError, 403), or a
 * resource outside the caller's scope, which the domain answers with 403 or "not found" (404) so
 * that another municipality's ids reveal nothing.
 */
export function isRefusal(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError && (error.status === 403 || error.status === 404);
}

// Input the database refused as data: an impossible value for its column (not a UUID, a number out of
// range, an impossible date, text too long). Zod should refuse such input first; when something slips
// through, the caller gets 400 rather than 500. SQLSTATE class 22 is "data exception".
const INPUT_PRISMA_CODES = new Set(["P2000", "P2006", "P2007", "P2019", "P2020", "P2023", "P2033"]);

function isInputCode(code: unknown): boolean {
  return typeof code === "string" && (INPUT_PRISMA_CODES.has(code) || /^22[0-9A-Z]{3}$/.test(code));
}

function inputCodeOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as { code?: unknown; cause?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown } };
  if (isInputCode(e.code)) return e.code as string;
  if (isInputCode(e.meta?.code)) return e.meta!.code as string;
  return inputCodeOf(e.cause, depth + 1) ?? inputCodeOf(e.meta?.driverAdapterError, depth + 1);
}

export const INVALID_INPUT_MESSAGE = "Forespørgslen indeholder en ugyldig værdi (fx et id, et tal eller en dato).";

/** A 400 UserFacingError when the database refused a value as impossible for its column, else null. */
export function databaseRefusedInput(error: unknown): UserFacingError | null {
  return inputCodeOf(error) ? new UserFacingError(INVALID_INPUT_MESSAGE, 400) : null;
}

// A write to a registration in a round its municipality approved: the database trigger
// refuse_approved_registrations (migrations 20270102000000_coverage_approval, 20270104000000_approval_statement_triggers) raises SQLSTATE SP0AP,
// whatever the write path. The coordinator reopens the round to correct it (lib/approval).
export const APPROVED_ROUND_MESSAGE =
  "Kommunens data for runden er godkendt og låst, så registreringer i rundens uger kan ikke oprettes, rettes eller slettes. En tovholder kan genåbne runden under Dækning.";

function frozenCodeOf(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; cause?: unknown; message?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown } };
  if (e.code === "SP0AP" || e.meta?.code === "SP0AP") return true;
  // Prisma's driver adapters may carry the SQLSTATE only in the message of an unknown database error.
  if (typeof e.message === "string" && e.message.includes("registration in an approved round")) return true;
  return frozenCodeOf(e.cause, depth + 1) || frozenCodeOf(e.meta?.driverAdapterError, depth + 1);
}

/** A 409 UserFacingError when the database refused a write to approved data, else null. */
export function databaseFrozen(error: unknown): UserFacingError | null {
  return frozenCodeOf(error) ? new UserFacingError(APPROVED_ROUND_MESSAGE, 409) : null;
}
