import { fileURLToPath } from "node:url";
import { type TransferListItem, Worker } from "node:worker_threads";
import { UserFacingError } from "@/lib/errors";
import type { CsvSource } from "./csv-reader";
import type { ImportFileKind, ReadResult, WorkerAnswer, WorkerRequest } from "./import-worker";
import { FileFormatError } from "./text-file";

// The request thread's side of the import worker (import-worker.ts): one job = one file, read in,
// planned and written chunk by chunk. One finished worker is kept for the next file for a while, so
// a run of small uploads does not start a thread each.

/** Bytes sent to the worker but not yet taken by its parser: the back-pressure window. */
const WINDOW_BYTES = 1024 * 1024;
const PIECE = 64 * 1024;
const KEEP_IDLE_MS = 30_000;
/** The worker's own heap: a 20 MB file's rows take well under this; a bug there cannot take the server's. */
const WORKER_HEAP_MB = 256;

type Request = WorkerRequest extends infer R ? (R extends { op: infer O } ? { op: O } & Omit<R, "op"> : never) : never;

/**
 * Starts the worker. Built by Next.js, the worker is bundled from the literal `new Worker(new URL(…))`
 * form (TypeScript included). Run from the TypeScript sources (the CLI through tsx, Vitest, the benchmarks), Node
 * cannot load a .ts file in a thread by itself, so the thread first registers tsx, as bin/spor.mjs
 * does for the command line.
 */
function spawnWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, name: "spor-import" };
  // Next sets NEXT_RUNTIME in the code it bundles (production and `next dev`); its import.meta.url
  // names the source file even there, so that cannot tell the two apart.
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./import-worker.ts", import.meta.url), options);
  const entry = import.meta.url.replace(/import-job\.ts$/, "import-worker.ts");
  // Written as code for the thread, so that the bundler does not try to bundle tsx into the app.
  // tsx's register() (its ES module build: require() resolves to the CommonJS twin beside it) gives
  // the thread its loader; tsx leaves worker threads alone otherwise.
  const root = fileURLToPath(entry).replace(/lib\/exchange\/import-worker\.ts$/, "");
  const boot =
    `const api = require("node:module").createRequire(${JSON.stringify(root + "package.json")}).resolve("tsx/esm/api").replace(/\\.cjs$/, ".mjs");` +
    `import(require("node:url").pathToFileURL(api).href)` +
    `.then(({ register }) => { register({ tsconfig: ${JSON.stringify(root + "tsconfig.json")} }); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

let kept: { worker: Worker; timer: NodeJS.Timeout } | null = null;

/** Imports (open jobs) this process runs at once, at most SPOR_IMPORT_WORKERS (default 2). */
let running = 0;
export const DEFAULT_IMPORT_WORKERS = 2;

/** How many import jobs are open now (tests check that a file leaves none open behind it). */
export function openImportJobs(): number {
  return running;
}

/** SPOR_IMPORT_WORKERS: how many files this process reads and writes at once (each in its own worker thread). */
export function importWorkerCap(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SPOR_IMPORT_WORKERS?.trim();
  if (!text) return DEFAULT_IMPORT_WORKERS;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`SPOR_IMPORT_WORKERS skal være et helt tal på mindst 1, fik "${text}".`);
  return Number(text);
}

/** Over the cap: the file is refused at once, before a byte of it is read. */
export const IMPORTS_BUSY_MESSAGE = "Serveren indlæser allerede så mange filer, som den kan ad gangen. Vent et øjeblik, og prøv igen.";

/** How many import workers this process has started (the tests check that files are read in one). */
export let importWorkersStarted = 0;

function acquireWorker(): Worker {
  if (kept) {
    const { worker, timer } = kept;
    kept = null;
    clearTimeout(timer);
    return worker;
  }
  importWorkersStarted++;
  return spawnWorker();
}

function keepWorker(worker: Worker) {
  if (kept) {
    void worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (kept?.worker === worker) kept = null;
    void worker.terminate();
  }, KEEP_IDLE_MS);
  timer.unref();
  kept = { worker, timer };
}

/** One file in the import worker. close() it when done (or it is closed when the worker ends). */
export class ImportJob {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private broken: Error | null = null;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    // A worker with nothing asked of it must not keep a command-line process alive.
    worker.unref();
    worker.on("message", this.onMessage);
    worker.on("error", this.onError);
    worker.on("exit", this.onExit);
  }

  /** A job for one file of the given kind (the dates are checked against `now`). */
  static async open(kind: ImportFileKind, now: Date): Promise<ImportJob> {
    if (running >= importWorkerCap()) throw new UserFacingError(IMPORTS_BUSY_MESSAGE, 503);
    running++;
    const job = new ImportJob(acquireWorker());
    try {
      await job.request({ op: "open", kind, now: now.getTime() });
    } catch (error) {
      job.close();
      throw error;
    }
    return job;
  }

  /** Streams the file into the worker and waits until every row has been read and checked. */
  async read(source: CsvSource): Promise<ReadResult> {
    const inFlight: { answer: Promise<{ stop: boolean }>; bytes: number }[] = [];
    let bytes = 0;
    let stop = false;
    const settle = async () => {
      const oldest = inFlight.shift()!;
      bytes -= oldest.bytes;
      if ((await oldest.answer).stop) stop = true;
    };
    for await (const chunk of pieces(source)) {
      // A copy the worker owns: transferred, not cloned, and never a view of a pooled buffer.
      const own = new Uint8Array(chunk);
      const size = own.length; // (the transfer empties `own`)
      inFlight.push({ answer: this.request({ op: "bytes", chunk: own }, [own.buffer]) as Promise<{ stop: boolean }>, bytes: size });
      bytes += size;
      while (bytes > WINDOW_BYTES && !stop) await settle();
      if (stop) break; // the parser has stopped: the file is refused, the rest need not be read
    }
    while (inFlight.length) await settle();
    return (await this.request({ op: "end" })) as ReadResult;
  }

  request(request: Request, transfer: TransferListItem[] = []): Promise<unknown> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error("Importen er allerede afsluttet."));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** Ends the job; the worker is kept for the next file (or ended). */
  close() {
    if (this.closed) return;
    this.closed = true;
    running--;
    this.worker.off("message", this.onMessage);
    this.worker.off("error", this.onError);
    this.worker.off("exit", this.onExit);
    if (this.broken) return;
    this.worker.postMessage({ op: "close", id: 0 });
    this.worker.unref();
    keepWorker(this.worker);
  }

  private readonly onMessage = (answer: WorkerAnswer) => {
    const request = this.pending.get(answer.id);
    if (!request) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (!answer.error) request.resolve(answer.result);
    else request.reject(restoreError(answer.error));
  };

  private readonly onError = (error: Error) => this.fail(new Error(`Importtråden stoppede: ${error.message}`));
  private readonly onExit = () => this.fail(new Error("Importtråden er stoppet."));

  private fail(error: Error) {
    this.broken ??= error;
    for (const request of this.pending.values()) request.reject(this.broken);
    this.pending.clear();
  }
}

function restoreError(e: NonNullable<WorkerAnswer["error"]>): Error {
  const error = e.name === "FileFormatError" ? new FileFormatError(e.message, e.line) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}

async function* pieces(source: CsvSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += PIECE) yield source.subarray(i, i + PIECE);
    return;
  }
  yield* source;
}
