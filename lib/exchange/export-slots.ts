import "server-only";
import { positiveInteger } from "@/lib/database/config";
import { Slots } from "@/lib/http/slots";

// Each running export holds a database connection of its own (a server-side cursor,
// lib/exchange/export-pages.ts) and a core while it formats rows. SPOR_EXPORT_CONCURRENCY (default 3)
// caps how many run at once in one instance; one more gets a Danish 503 with Retry-After and can try
// again shortly. With SPOR_DB_POOL this bounds an instance's connections (docs/deployment.md).

export const DEFAULT_EXPORT_CONCURRENCY = 3;

export const EXPORTS_BUSY_MESSAGE = "Der kører allerede så mange eksporter, som serveren tager ad gangen. Prøv igen om et øjeblik.";

export function exportConcurrency(env: Record<string, string | undefined> = process.env): number {
  return positiveInteger(env, "SPOR_EXPORT_CONCURRENCY", DEFAULT_EXPORT_CONCURRENCY, 100);
}

/** The process's export slots, shared by every export route. */
export const exportSlots = new Slots(() => exportConcurrency(), EXPORTS_BUSY_MESSAGE);
