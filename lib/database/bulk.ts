import { type MessagePort } from "node:worker_threads";
import pg from "pg";
import { type DatabaseTimeouts, pgTimeoutSettings } from "./timeouts";

// A second way into the database for bulk writes that must not pass through the request thread: a
// thread that holds many rows (the import worker, lib/exchange/import-worker.ts) writes them itself.
// - PostgreSQL server: the thread opens its own connection (node-postgres) with the request limits.
// - PGlite in its worker thread (pglite-remote.ts): the thread gets a MessagePort straight to the
//   database's thread; its statements run there one by one between everyone else's, outside any
//   transaction.
// - PGlite on the main thread (SPOR_PGLITE_THREAD=main): none; the caller writes through Prisma.
// SPOR_IMPORT_STAGING=0 turns it off (the benchmark's "before"; a fallback if it misbehaves).

export type BulkTarget = { kind: "server"; url: string; timeouts: DatabaseTimeouts } | { kind: "port"; port: MessagePort };

const targets = new WeakMap<object, () => BulkTarget | null>();

/** Called by openDatabase: how a thread reaches this Prisma client's database for bulk writes. */
export function registerBulkTarget(prisma: object, target: () => BulkTarget | null) {
  targets.set(prisma, target);
}

/** A fresh bulk target for this database (a port is for one thread: transfer it), or null to write through Prisma. */
export function bulkTargetOf(prisma: object, env: NodeJS.ProcessEnv = process.env): BulkTarget | null {
  if (env.SPOR_IMPORT_STAGING?.trim() === "0") return null;
  return targets.get(prisma)?.() ?? null;
}

export interface BulkWriter {
  /** Runs one statement outside any transaction; returns the rows it wrote. */
  execute(sql: string, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens the target in the calling thread. */
export async function openBulkWriter(target: BulkTarget): Promise<BulkWriter> {
  if (target.kind === "server") {
    const client = new pg.Client({ connectionString: target.url, ...pgTimeoutSettings(target.timeouts) });
    // A connection the server ends while idle emits "error"; the next statement fails instead.
    client.on("error", () => {});
    await client.connect();
    return {
      async execute(sql, params) {
        return (await client.query(sql, params)).rowCount ?? 0;
      },
      close: () => client.end().catch(() => {}),
    };
  }
  const port = target.port;
  const pending = new Map<number, { resolve(n: number): void; reject(error: Error): void }>();
  let nextId = 1;
  port.on("message", (answer: { id: number; result?: { affectedRows?: number }; error?: { message: string; code?: string } }) => {
    const request = pending.get(answer.id);
    if (!request) return;
    pending.delete(answer.id);
    if (answer.error) request.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    else request.resolve(answer.result?.affectedRows ?? 0);
  });
  port.on("close", () => {
    for (const request of pending.values()) request.reject(new Error("Forbindelsen til den indlejrede database er lukket."));
    pending.clear();
  });
  return {
    execute(sql, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        port.postMessage({ id, op: "query", sql, params });
      });
    },
    async close() {
      port.close();
    },
  };
}
