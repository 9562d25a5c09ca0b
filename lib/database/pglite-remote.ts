import "server-only";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { messages, types, type ParserOptions, type Results } from "@electric-sql/pglite";

/**
 * The part of PGlite's interface that Spor uses (the Prisma adapter, the SQL executor), answered by
 * PGlite running in its own worker thread (lib/database/pglite-worker.mjs). Keeping the WebAssembly
 * database off the main thread lets the web server's JavaScript and the database use both cores;
 * measured in docs/benchmarks.md ("Registration").
 */
export interface RemotePGlite {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  transaction<R>(fn: (tx: RemoteTransaction) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  /** A port for another thread's own statements (lib/database/bulk.ts); transfer it to that thread. */
  openPort(): MessagePort;
}

export interface RemoteTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: ParserOptions;
}

interface RawResult {
  rows: (string | null)[][];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
  command?: string;
}

type WorkerAnswer = { ready: boolean; error?: SerialisedError; id?: undefined } | { id: number; result?: unknown; error?: SerialisedError };

type SerialisedError = Record<string, unknown> & { message: string; isDatabaseError: boolean };

/**
 * Starts PGlite in a worker thread; `dataDir` undefined means in memory, from `snapshot` (a dump file)
 * if given. `waitLimitMs`: how long a statement outside a transaction may wait for another
 * transaction to end before it is refused as a lock timeout (55P03); 0 = no limit.
 */
export function startRemotePGlite(dataDir: string | undefined, snapshot?: string, waitLimitMs = 0): RemotePGlite {
  // This exact form lets Next.js's bundler find and ship the worker; tsx and Vitest load the file as is.
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir, snapshot, waitLimitMs } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let closed = false;
  let readySettled: { resolve(): void; reject(error: Error): void };
  const waitReady = new Promise<void>((resolve, reject) => (readySettled = { resolve, reject }));
  waitReady.catch(() => {}); // the caller observes it; never an unhandled rejection

  // An idle worker must not keep a command-line process alive; one with a request in flight must.
  worker.unref();
  worker.on("message", (answer: WorkerAnswer) => {
    if (answer.id === undefined) {
      if (answer.ready) readySettled.resolve();
      else readySettled.reject(restoreError(answer.error!));
      return;
    }
    const request = pending.get(answer.id);
    if (!request) return;
    pending.delete(answer.id);
    if (pending.size === 0) worker.unref();
    if (answer.error) request.reject(restoreError(answer.error));
    else request.resolve(answer.result);
  });
  // A worker that dies (an uncaught error, out of memory) fails everything in flight and after.
  let broken: Error | undefined;
  const fail = (error: Error) => {
    broken ??= error;
    readySettled.reject(error);
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on("error", (error) => fail(new Error(`Den indlejrede databases tråd stoppede: ${error.message}`)));
  worker.on("exit", () => fail(new Error("Den indlejrede databases tråd er stoppet.")));

  function call<R>(op: string, payload: Record<string, unknown> = {}): Promise<R> {
    if (closed && op !== "close") return Promise.reject(new Error("Databasen er lukket."));
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise<R>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, op, sentAt: Date.now(), ...payload });
    });
  }

  async function query<T>(txId: number | undefined, sql: string, params: unknown[] = [], options?: QueryOptions) {
    await waitReady;
    const raw = await call<RawResult>("query", { sql, params, txId });
    return toResults<T>(raw, options);
  }

  return {
    waitReady,
    get closed() {
      return closed;
    },
    query: (sql, params, options) => query(undefined, sql, params, options),
    async exec(sql) {
      await waitReady;
      await call("exec", { sql });
      return [];
    },
    async transaction(fn) {
      await waitReady;
      const txId = await call<number>("begin");
      let txClosed = false;
      const tx: RemoteTransaction = {
        query: (sql, params, options) => query(txId, sql, params, options),
        exec: async (sql) => (await call("exec", { sql, txId }), []),
        rollback: async () => {
          await call("rollback", { txId });
          txClosed = true;
        },
        get closed() {
          return txClosed;
        },
      };
      let result;
      try {
        result = await fn(tx);
      } catch (error) {
        await call("end", { txId, rollback: true });
        throw error;
      }
      await call("end", { txId, rollback: false });
      return result;
    },
    openPort() {
      if (closed || broken) throw broken ?? new Error("Databasen er lukket.");
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ op: "port", port: port2 }, [port2]);
      return port1;
    },
    async close() {
      if (closed) return;
      try {
        await waitReady.catch(() => {});
        await call("close");
      } finally {
        closed = true;
        await worker.terminate();
      }
    },
  };
}

/** Parses the worker's text values exactly as PGlite's own parseResults would have. */
function toResults<T>(raw: RawResult, options?: QueryOptions): Results<T> {
  const { rows: rawRows, fields, ...rest } = raw;
  const parsed = rawRows.map((row) => row.map((value, i) => types.parseType(value, fields[i].dataTypeID, options?.parsers)));
  const rows =
    options?.rowMode === "array" ? parsed : parsed.map((row) => Object.fromEntries(fields.map((field, i) => [field.name, row[i]])));
  return { ...rest, rows: rows as T[], fields };
}

/** Rebuilds an error from the worker, as a PGlite DatabaseError where it was one (Prisma maps those). */
function restoreError(serialised: SerialisedError): Error {
  const { isDatabaseError, message, stack, ...fields } = serialised;
  const error = isDatabaseError ? new messages.DatabaseError(message, Number(fields.length ?? 0), "error") : new Error(message);
  Object.assign(error, fields);
  if (typeof stack === "string") error.stack = stack;
  return error;
}
