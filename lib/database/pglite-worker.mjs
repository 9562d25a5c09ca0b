// The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every query runs
// synchronously on the thread that owns it. In the web server that thread is also the one rendering
// pages and answering requests, so on a two-core machine the database and Next.js would share one
// core. Here PGlite gets a worker thread (and so the second core) and answers small messages from
// lib/database/pglite-remote.ts. Plain JavaScript: Node loads it directly, outside any bundler.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, messages, types } from "@electric-sql/pglite";

// A snapshot is a dump of a migrated data directory (dumpDataDir), which the tests start from
// instead of migrating each in-memory database again (tests/helpers/db-template.ts).
const lite = workerData.snapshot
  ? new PGlite({ loadDataDir: new Blob([readFileSync(workerData.snapshot)]) })
  : workerData.dataDir
    ? new PGlite(workerData.dataDir)
    : new PGlite();

// Values leave this thread as PostgreSQL's text, and the caller parses them with PGlite's own
// parseType and its own parsers (functions cannot cross threads), so results are exactly what an
// in-process PGlite would have returned.
const identity = (value) => value;
const RAW = Object.fromEntries(Object.keys(types.parsers).map((oid) => [oid, identity]));

/** Open transactions by id; each holds PGlite's lock until the caller ends it. */
const transactions = new Map();
let nextTransactionId = 1;

// How long a request's statement outside any transaction (or its BEGIN) may wait while another
// transaction holds the one connection: the embedded database's lock timeout (SPOR_DB_LOCK_TIMEOUT_MS,
// lib/database/timeouts.ts; 0 = as long as it takes). Counted from when the request was sent, since
// this thread takes no messages while a statement runs. Past it the request is refused with
// PostgreSQL's lock_not_available (55P03), which the app answers as on a server: 503 and "try again"
// (lib/actions/database-errors.ts) — the registration screen keeps the registration and sends it again.
const WAIT_LIMIT_MS = workerData.waitLimitMs ?? 0;
let transactionsEnded = [];

function whenNoTransaction() {
  return new Promise((resolve) => transactionsEnded.push(resolve));
}

function transactionClosed(id) {
  transactions.delete(id);
  if (transactions.size > 0) return;
  const waiting = transactionsEnded;
  transactionsEnded = [];
  for (const resolve of waiting) resolve();
}

// Waits for the transaction open now to end, once: afterwards the request queues in PGlite like any
// other, so a burst of short transactions never adds up to a refusal; only one long one does.
async function waitForTransactions(request) {
  if (!WAIT_LIMIT_MS || request.txId !== undefined || !["query", "exec", "begin"].includes(request.op)) return;
  if (transactions.size === 0) return;
  const left = (request.sentAt ?? Date.now()) + WAIT_LIMIT_MS - Date.now();
  let timer;
  const ended =
    left > 0 &&
    (await Promise.race([whenNoTransaction().then(() => true), new Promise((resolve) => (timer = setTimeout(resolve, left, false)))]));
  clearTimeout(timer);
  if (ended) return;
  const error = new messages.DatabaseError(
    `Den indlejrede database var optaget af en anden transaktion i mere end ${WAIT_LIMIT_MS} ms.`,
    0,
    "error",
  );
  error.code = "55P03";
  throw error;
}

function queryable(txId) {
  if (txId === undefined) return lite;
  const entry = transactions.get(txId);
  if (!entry) throw new Error("Transaktionen er allerede afsluttet.");
  return entry.tx;
}

async function handle(request) {
  switch (request.op) {
    case "query": {
      const result = await queryable(request.txId).query(request.sql, request.params ?? [], {
        rowMode: "array",
        parsers: RAW,
      });
      const { rows, fields, ...rest } = result; // rest: affectedRows, command
      return { rows, fields, ...rest };
    }
    case "exec":
      await queryable(request.txId).exec(request.sql);
      return null;
    case "begin":
      return beginTransaction();
    case "rollback":
      await queryable(request.txId).rollback();
      return null;
    case "end":
      return endTransaction(request.txId, request.rollback);
    case "close":
      if (!lite.closed) await lite.close();
      return null;
    default:
      throw new Error(`Ukendt databaseoperation: ${request.op}`);
  }
}

/** Starts a PGlite transaction that stays open until "end"; answers once BEGIN has run. */
function beginTransaction() {
  const id = nextTransactionId++;
  return new Promise((started, failed) => {
    const done = lite.transaction(async (tx) => {
      // Runs after BEGIN, by which time `done` below is assigned.
      const ended = new Promise((resolve, reject) => {
        transactions.set(id, { tx, done, finish: { resolve, reject } });
      });
      started(id);
      return ended;
    });
    done.then(
      () => transactionClosed(id),
      (error) => {
        transactionClosed(id);
        failed(error); // BEGIN failed; once started, endTransaction reports the outcome instead
      },
    );
  });
}

async function endTransaction(id, rollback) {
  const entry = transactions.get(id);
  if (!entry) return null; // already closed (e.g. COMMIT failed earlier); nothing to do
  const done = entry.done;
  if (rollback) entry.finish.reject(new Error("rollback"));
  else entry.finish.resolve();
  try {
    await done;
  } catch (error) {
    if (!rollback) throw error;
  }
  return null;
}

function serialiseError(error) {
  const plain = { message: String(error?.message ?? error), name: error?.name, stack: error?.stack };
  // Only plain fields (code, detail, constraint, …): PGlite also attaches the query's options,
  // whose parser functions cannot be sent to another thread.
  for (const [key, value] of Object.entries(error ?? {})) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) plain[key] = value;
  }
  return { ...plain, isDatabaseError: error instanceof messages.DatabaseError };
}

/**
 * Requests inside one transaction run strictly in order: the Prisma adapter sends ROLLBACK and then
 * ends the transaction without waiting in between, and the end must not overtake the rollback.
 */
function run(request) {
  const entry = request.txId === undefined ? undefined : transactions.get(request.txId);
  if (!entry) return waitForTransactions(request).then(() => handle(request));
  const next = (entry.chain ?? Promise.resolve()).then(() => handle(request));
  entry.chain = next.catch(() => {});
  return next;
}

/**
 * A port straight from another thread (lib/database/bulk.ts: the import worker's bulk writes): plain
 * statements outside any transaction, each run when PGlite is free, like any other caller's.
 */
function attachPort(port) {
  port.on("message", (request) => {
    handle({ op: "query", sql: request.sql, params: request.params }).then(
      (result) => port.postMessage({ id: request.id, result: { affectedRows: result.affectedRows } }),
      (error) => port.postMessage({ id: request.id, error: serialiseError(error) }),
    );
  });
}

parentPort.on("message", (request) => {
  if (request.op === "port") return attachPort(request.port);
  run(request).then(
    (result) => parentPort.postMessage({ id: request.id, result }),
    (error) => parentPort.postMessage({ id: request.id, error: serialiseError(error) }),
  );
});

lite.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ ready: false, error: serialiseError(error) }),
);
