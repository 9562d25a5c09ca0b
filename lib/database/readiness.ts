import "server-only";
import { log } from "@/lib/server/log.mjs";
import { readMigrations } from "./migrator";
import type { SporDatabase } from "./open";
import { setLocalTimeouts } from "./timeouts";

// Readiness (GET /api/health/ready, and /api/health): the database answers within a short time, every
// migration in prisma/migrations is applied, and the tables every request reads are not locked.
// Read-only: it never creates the migration ledger or anything else.

export interface Readiness {
  ok: boolean;
  /** What is wrong, in Danish, for the operator (empty when ok). Never connection details. */
  problems: string[];
}

export const READINESS_TIMEOUT_MS = 2000;

/** The tables (nearly) every request reads: a lock held on one of them stalls the app. */
const HOT_TABLES = ['"session"', '"user"', '"membership"', '"registration"'];

let expected: string[] | null = null;
/** The migrations this build ships (read once: they change only with a new release). */
function expectedMigrations(): string[] {
  expected ??= readMigrations().map((m) => m.name);
  return expected;
}

export async function checkReadiness(database: SporDatabase, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const check = database.sql.transaction(async (tx) => {
    // On a PostgreSQL server a stalled database or a locked table ends the check itself; the
    // embedded database cannot cancel a statement, so the race below answers for it.
    await tx.exec(setLocalTimeouts({ statementMs: timeoutMs, lockMs: Math.min(1000, timeoutMs) }));
    const [{ ledger }] = await tx.query<{ ledger: boolean }>(`SELECT to_regclass('"_spor_migrations"') IS NOT NULL AS ledger`);
    const applied = ledger ? (await tx.query<{ name: string }>(`SELECT "name" FROM "_spor_migrations"`)).map((r) => r.name) : [];
    const done = new Set(applied);
    const pending = expectedMigrations().filter((name) => !done.has(name));
    if (pending.length === 0) await tx.query(`SELECT 1 FROM ${HOT_TABLES.join(", ")} LIMIT 0`);
    return pending;
  });
  try {
    const result = await Promise.race([check, timedOut]);
    if (result === "timeout") {
      check.catch(() => {}); // it may still fail later; nobody waits for it
      return { ok: false, problems: [`Databasen svarede ikke inden for ${timeoutMs} ms.`] };
    }
    if (result.length) {
      const total = expectedMigrations().length;
      return {
        ok: false,
        problems: [
          result.length === total
            ? `Databasen er ikke migreret: ingen af de ${total} migreringer er kørt.`
            : `${result.length} af ${total} migreringer er ikke kørt (den første: ${result[0]}).`,
        ],
      };
    }
    return { ok: true, problems: [] };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "55P03") return { ok: false, problems: ["En tabel, som alle forespørgsler bruger, er låst (lock timeout)."] };
    if (code === "57014") return { ok: false, problems: [`Databasen svarede ikke inden for ${timeoutMs} ms.`] };
    log.error({ err: error }, "Sundhedstjek: databasen svarer ikke");
    return { ok: false, problems: ["Databasen svarer ikke."] };
  } finally {
    clearTimeout(timer);
  }
}
