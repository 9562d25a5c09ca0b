import { parentPort } from "node:worker_threads";
import { type BulkTarget, openBulkWriter } from "@/lib/database/bulk";
import { importContentHash } from "./content-hash";
import { answerColumns, type ImportQuestionPlan, planQuestionColumns, type ResolvedQuestion } from "./import-questions";
import type { ImportPlan, ImportRow } from "./import-rows";
import { type AnswerColumns, INSERT_CHUNK, type RegistrationColumns, STALE_STAGING_SQL, STAGE_SQL, stageParams } from "./insert-rows";
import { parseLegacyExport } from "./legacy-format";
import { summariseImportWeeks, type WeeksContext } from "./import-weeks";
import { legacyToImportRow, markTimedUnits } from "./legacy-import";
import { type ChunkContext, type ImportContext, planRows, RegistrationChunker, StagingChunker, taskNumbersOf } from "./plan-rows";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { FileFormatError } from "./text-file";
import { parseUpload } from "./upload-rows";
import { summarisePlan, type UploadSummary } from "./upload-summary";

// The import worker: a worker thread that reads, checks and holds one uploaded file at a time, so
// that the thread answering requests never parses 20 MB nor holds 200,000 rows (their garbage
// collection alone held it for hundreds of milliseconds). The request thread (import-job.ts) streams
// the file's bytes in, looks up what only the database knows, and asks for the plan and then for
// the insert's columns chunk by chunk (plan-rows.ts, insert-rows.ts), as PostgreSQL array literals.

export type ImportFileKind = "csv" | "legacy";

/** Requests from the request thread; every one is answered with its id. */
export type WorkerRequest =
  | { op: "open"; kind: ImportFileKind; now: number }
  | { op: "bytes"; chunk: Uint8Array }
  | { op: "end" }
  | {
      op: "plan";
      municipalityId: string;
      context: ImportContext & { unitNames: Map<string, string> };
      createMissingUnits: boolean;
      existingQuestions: Parameters<typeof planQuestionColumns>[1];
      maxErrors: number;
      weeks: WeeksContext;
      /** Old raw exports: the unit logins whose start and end were measured (legacy-import.ts). */
      timedUnits: string[];
    }
  | { op: "registrations"; from: number; to: number; context: ChunkContext }
  | { op: "answers"; from: number; to: number; questions: ResolvedQuestion[] }
  /** Writes the planned rows into import_staging on the worker's own way into the database (lib/database/bulk.ts). */
  | { op: "stage"; target: BulkTarget; stagingId: string; source: RegistrationSource; keepFileLines: boolean }
  | { op: "close" };

export interface StageResult {
  rows: number;
  /** The UTC hours (since 1970) the staged rows fall in: the transaction flags each by the counting-week rule. */
  hours: number[];
}

export interface ReadResult {
  taskNumbers: string[];
  questionColumns: string[];
}

export interface PlanResult {
  errors: { line: number; message: string }[];
  errorCount: number;
  summary: UploadSummary;
  newUnits: string[];
  newTaskNumbers: string[];
  questions: ImportQuestionPlan[];
  rowCount: number;
  totalQuantity: number;
  /** The rows' content (content-hash.ts), to find an earlier import of the same rows. */
  contentHash: string;
  /** Timed-unit logins named for an old raw export that has no such unit with start and end times. */
  unknownTimedUnits: string[];
}

export type WorkerAnswer = { id: number; result?: unknown; error?: { name: string; message: string; line?: number; stack?: string } };

/** The file's bytes as the parser reads them; each push settles when the parser has taken the chunk (or stopped). */
class ByteQueue implements AsyncIterable<Uint8Array> {
  private readonly items: { chunk: Uint8Array; taken(): void }[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  stopped = false;

  push(chunk: Uint8Array): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((taken) => {
      this.items.push({ chunk, taken });
      this.wake?.();
    });
  }

  end() {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const item = this.items.shift();
        if (item) {
          item.taken();
          yield item.chunk;
        } else if (this.ended) return;
        else await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    } finally {
      this.stop();
    }
  }

  /** The parser is done (or has refused the file): nothing more is read, nobody waits. */
  stop() {
    this.stopped = true;
    for (const item of this.items.splice(0)) item.taken();
  }
}

interface Parsed {
  rows: ImportRow[];
  errors: { line: number; message: string }[];
  /** The data source of each row of an old raw export, by line (shown in the preview). */
  sources?: Map<number, string>;
  questionColumns: string[];
}

interface Job {
  kind: ImportFileKind;
  input: ByteQueue;
  parsed: Promise<Parsed>;
  plan?: ImportPlan;
  chunker?: RegistrationChunker;
}

let job: Job | null = null;

async function parse(input: ByteQueue, kind: ImportFileKind, now: Date): Promise<Parsed> {
  if (kind === "legacy") {
    const parsed = await parseLegacyExport(input);
    return {
      rows: parsed.rows.map((r) => legacyToImportRow(r)),
      errors: parsed.errors,
      sources: new Map(parsed.rows.map((r) => [r.line, r.dataSource])),
      questionColumns: parsed.questions,
    };
  }
  const parsed = await parseUpload(input, now);
  return { rows: parsed.rows, errors: parsed.errors, questionColumns: [] };
}

function current(): Job {
  if (!job) throw new Error("Ingen fil er åbnet i importtråden.");
  return job;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case "open": {
      const input = new ByteQueue();
      const parsed = parse(input, request.kind, new Date(request.now));
      // However the parse ends, the rest of the file need not come (a refusal is reported by "end").
      parsed.then(
        () => input.stop(),
        () => input.stop(),
      );
      job = { kind: request.kind, input, parsed };
      return null;
    }
    case "bytes": {
      const { input } = current();
      await input.push(request.chunk);
      return { stop: input.stopped };
    }
    case "end": {
      const { input, parsed } = current();
      input.end();
      const { rows, questionColumns } = await parsed;
      return { taskNumbers: taskNumbersOf(rows), questionColumns } satisfies ReadResult;
    }
    case "plan":
      return planFile(current(), request);
    case "registrations": {
      const j = current();
      j.chunker ??= new RegistrationChunker(request.context);
      return j.chunker.columns(j.plan!.rows, request.from, request.to) satisfies RegistrationColumns;
    }
    case "answers":
      return answerColumns(current().plan!.rows, request.questions, request.from, request.to) satisfies AnswerColumns;
    case "stage":
      return stage(current(), request);
    case "close":
      job = null;
      return null;
  }
}

/** The plan's rows into import_staging, chunk by chunk, each chunk built while the one before is written. */
async function stage(j: Job, request: Extract<WorkerRequest, { op: "stage" }>): Promise<StageResult> {
  const rows = j.plan!.rows;
  const chunker = new StagingChunker({ source: request.source, keepFileLines: request.keepFileLines });
  const writer = await openBulkWriter(request.target);
  try {
    await writer.execute(STALE_STAGING_SQL, []);
    let writing: Promise<number> | null = null;
    for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
      const columns = chunker.columns(rows, from, from + INSERT_CHUNK);
      if (writing) await writing;
      writing = writer.execute(STAGE_SQL, stageParams(request.stagingId, from, columns));
      writing.catch(() => {}); // awaited above or below; not unhandled while the next chunk is built
    }
    if (writing) await writing;
  } finally {
    await writer.close();
  }
  return { rows: rows.length, hours: [...chunker.hours] };
}

async function planFile(j: Job, request: Extract<WorkerRequest, { op: "plan" }>): Promise<PlanResult> {
  const parsed = await j.parsed;
  const timed = j.kind === "legacy" ? markTimedUnits(parsed.rows, request.timedUnits) : null;
  const plan = planRows(request.municipalityId, parsed.rows, request.context, { createMissingUnits: request.createMissingUnits });
  if (parsed.questionColumns.length) {
    const questions = planQuestionColumns(parsed.questionColumns, request.existingQuestions, plan.rows);
    plan.questions = questions.questions;
    plan.errors.push(...questions.errors);
  }
  const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  j.plan = plan;
  // The weeks the rows fall in and those outside the counting weeks, by the one rule (import-weeks.ts).
  const summary = {
    ...summarisePlan(plan, request.context.unitNames, parsed.sources),
    weeks: summariseImportWeeks(plan.rows, request.weeks),
  };
  if (timed) summary.timedUnits = timed.units;
  return {
    errors: errors.slice(0, request.maxErrors),
    errorCount: errors.length,
    summary,
    unknownTimedUnits: timed?.unknown ?? [],
    newUnits: plan.newUnits,
    newTaskNumbers: plan.newTaskNumbers,
    questions: plan.questions ?? [],
    rowCount: plan.rows.length,
    totalQuantity: plan.rows.reduce((sum, r) => sum + r.quantity, 0),
    contentHash: importContentHash(plan.rows),
  };
}

// A worker nobody has asked anything for a long while (its request thread forgot to close the
// job) ends itself; an open import asks for a chunk every few milliseconds.
const IDLE_MS = 10 * 60_000;
let idle = setTimeout(() => process.exit(0), IDLE_MS);

parentPort!.on("message", (message: WorkerRequest & { id: number }) => {
  clearTimeout(idle);
  idle = setTimeout(() => process.exit(0), IDLE_MS);
  handle(message).then(
    (result) => parentPort!.postMessage({ id: message.id, result } satisfies WorkerAnswer),
    (error: Error) =>
      parentPort!.postMessage({
        id: message.id,
        error: {
          name: error?.name ?? "Error",
          message: String(error?.message ?? error),
          line: error instanceof FileFormatError ? error.line : undefined,
          stack: error?.stack,
        },
      } satisfies WorkerAnswer),
  );
});
