import type { Prisma } from "@/lib/generated/prisma/client";

// Bulk inserts for imports: one INSERT … SELECT FROM unnest(arrays) per chunk, one array parameter
// per column. Each column travels as one PostgreSQL array literal ('{…}', built by pgArray): a file's
// chunks are built in the import worker (import-worker.ts), and a few strings cross to the request
// thread and on to the database without the driver walking 2,500 × 14 values there. Prisma's
// createMany spends seconds per thousand rows building its query in JavaScript; this takes 100,000
// rows in a few seconds (docs/benchmarks.md, "Data exchange").

type Tx = Prisma.TransactionClient;

/** Rows per INSERT: small enough that no single statement or its parameters hold the thread for long. */
export const INSERT_CHUNK = 2_500;

/** One chunk of registrations, column by column, each column a PostgreSQL array literal. */
export interface RegistrationColumns {
  count: number;
  id: string;
  unitId: string;
  taskId: string;
  channelCode: string;
  contactTypeCode: string;
  closureCode: string;
  form: string;
  quantity: string;
  occurredAt: string;
  isoYear: string;
  isoWeek: string;
  startedAt: string;
  endedAt: string;
  /** Whether start and end are a measured contact time (Registration.measuredTime). */
  measuredTime: string;
  timePrecision: string;
  inCountingWeek: string;
  /** Each row's own source (an old raw export holds rows of two). */
  source: string;
  /** The file's line (file imports), for the export's order; NULL otherwise. */
  fileLine: string;
}

/** Extra-question answers of one chunk (registration, question, option), as array literals. */
export interface AnswerColumns {
  count: number;
  registrationId: string;
  questionId: string;
  optionId: string;
}

/**
 * A PostgreSQL array literal of text, numbers, booleans and nulls: '{"a","b\"c",NULL,1,t}'. Text is
 * always quoted (a quoted NULL is the text "NULL"), with \ and " escaped, as array_in reads it.
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (typeof v === "boolean") parts[i] = v ? "t" : "f";
    else if (typeof v === "number") parts[i] = String(v);
    else parts[i] = `"${/["\\]/.test(v) ? v.replace(/["\\]/g, "\\$&") : v}"`;
  }
  return `{${parts.join(",")}}`;
}

/**
 * Inserts one chunk of a batch's registrations (never tied to a user; test registrations only for a
 * mass registration into a unit in test mode), each with its own source, and returns how many rows were written. With
 * `skipExistingIds`, ids already stored are skipped (ON CONFLICT DO NOTHING) instead of failing.
 */
export async function insertRegistrations(
  tx: Tx,
  batch: { id: string; municipalityId: string; isTest: boolean },
  c: RegistrationColumns,
  options: { skipExistingIds?: boolean } = {},
): Promise<number> {
  if (c.count === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code, closure_code,
                               form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, batch_id,
                               is_test, in_counting_week, file_line, measured_time, time_precision, updated_at)
     SELECT t.id, $1::uuid, t.unit_id, NULL, t.task_id, t.channel_code, t.contact_type_code, t.closure_code,
            t.form, t.quantity, t.occurred_at, t.iso_year, t.iso_week, t.started_at, t.ended_at, t.source::"RegistrationSource", $2::uuid,
            $3::boolean, t.in_counting_week, t.file_line, t.measured_time, t.time_precision::"TimePrecision", now()
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[],
                   $12::timestamptz[], $13::int[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::boolean[],
                   $18::text[], $19::int[], $20::boolean[], $21::text[])
         AS t(id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, quantity,
              occurred_at, iso_year, iso_week, started_at, ended_at, in_counting_week, source, file_line, measured_time, time_precision)
     ${options.skipExistingIds ? "ON CONFLICT (id) DO NOTHING" : ""}`,
    batch.municipalityId,
    batch.id,
    batch.isTest,
    c.id,
    c.unitId,
    c.taskId,
    c.channelCode,
    c.contactTypeCode,
    c.closureCode,
    c.form,
    c.quantity,
    c.occurredAt,
    c.isoYear,
    c.isoWeek,
    c.startedAt,
    c.endedAt,
    c.inCountingWeek,
    c.source,
    c.fileLine,
    c.measuredTime,
    c.timePrecision,
  );
}

/** Inserts one chunk of extra-question answers (registration, question, option). */
export async function insertAnswers(tx: Tx, c: AnswerColumns): Promise<void> {
  if (c.count === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO registration_answer (registration_id, question_id, option_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])`,
    c.registrationId,
    c.questionId,
    c.optionId,
  );
}

// ---- File imports through the staging table (import_staging) ----------------------------------
// A file's rows do not pass through the request thread at all: the import worker writes them into
// import_staging on its own connection (lib/database/bulk.ts) before the import's transaction opens,
// and the transaction moves them into registration with INSERT … SELECT, whose parameters are a
// few ids. What only the transaction knows is joined in there: the units and tasks it created, and
// each row's counting-week flag, decided by the one rule per UTC hour (lib/counting/in-counting-week.ts).

/** One chunk of a file's rows for the staging table, column by column, as array literals. */
export interface StagingColumns {
  count: number;
  id: string;
  unitId: string;
  /** The old login of a unit this import creates (unitId NULL). */
  newUnit: string;
  taskId: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string;
  closureCode: string;
  form: string;
  quantity: string;
  occurredAt: string;
  isoYear: string;
  isoWeek: string;
  startedAt: string;
  endedAt: string;
  measuredTime: string;
  timePrecision: string;
  source: string;
  fileLine: string;
  /** Hours since 1970 (UTC) of occurredAt: the counting-week flag's key. */
  utcHour: string;
}

/** Rows moved by one statement: small enough that one statement stays well inside the request statement limit (lib/database/timeouts.ts). */
export const MOVE_CHUNK = 50_000;

/** The statement a bulk writer runs for one chunk; parameters: stagingId, the chunk's first row number, then the columns. */
export const STAGE_SQL = `INSERT INTO import_staging (staging_id, seq, id, unit_id, new_unit, task_id, task_number, channel_code, contact_type_code,
                            closure_code, form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, measured_time,
                            time_precision, source, file_line, utc_hour)
  SELECT $1::uuid, $2::int + t.ord::int - 1, t.id, t.unit_id, t.new_unit, t.task_id, t.task_number, t.channel_code, t.contact_type_code,
         t.closure_code, t.form, t.quantity, t.occurred_at, t.iso_year, t.iso_week, t.started_at, t.ended_at, t.measured_time,
         t.time_precision, t.source, t.file_line, t.utc_hour
    FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[],
                $12::int[], $13::timestamptz[], $14::int[], $15::int[], $16::timestamptz[], $17::timestamptz[], $18::boolean[],
                $19::text[], $20::text[], $21::int[], $22::int[])
      WITH ORDINALITY AS t(id, unit_id, new_unit, task_id, task_number, channel_code, contact_type_code, closure_code, form,
                           quantity, occurred_at, iso_year, iso_week, started_at, ended_at, measured_time, time_precision, source,
                           file_line, utc_hour, ord)`;

export function stageParams(stagingId: string, from: number, c: StagingColumns): unknown[] {
  return [
    stagingId,
    from,
    c.id,
    c.unitId,
    c.newUnit,
    c.taskId,
    c.taskNumber,
    c.channelCode,
    c.contactTypeCode,
    c.closureCode,
    c.form,
    c.quantity,
    c.occurredAt,
    c.isoYear,
    c.isoWeek,
    c.startedAt,
    c.endedAt,
    c.measuredTime,
    c.timePrecision,
    c.source,
    c.fileLine,
    c.utcHour,
  ];
}

/** Staged rows older than this are left from a process that died mid-import; the next import removes them. */
export const STALE_STAGING_SQL = `DELETE FROM import_staging WHERE created_at < now() - interval '1 day'`;

/**
 * Moves staged rows [from, to) into registration as part of `batch`, inside the import's transaction:
 * new units and tasks by the ids the transaction created, the counting-week flag by UTC hour. Returns
 * the rows written.
 */
export async function moveStagedRegistrations(
  tx: Tx,
  batch: { id: string; municipalityId: string; isTest: boolean },
  stagingId: string,
  range: { from: number; to: number },
  resolved: { newUnitIds: Record<string, string>; newTaskIds: Record<string, string>; hours: number[]; flags: boolean[] },
): Promise<number> {
  const units = Object.entries(resolved.newUnitIds);
  const tasks = Object.entries(resolved.newTaskIds);
  return tx.$executeRawUnsafe(
    `INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code, closure_code,
                               form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, batch_id,
                               is_test, in_counting_week, file_line, measured_time, time_precision, updated_at)
     SELECT s.id, $2::uuid, COALESCE(s.unit_id, nu.id), NULL, COALESCE(s.task_id, nt.id), s.channel_code, s.contact_type_code, s.closure_code,
            s.form, s.quantity, s.occurred_at, s.iso_year, s.iso_week, s.started_at, s.ended_at, s.source::"RegistrationSource", $3::uuid,
            $4::boolean, f.flag, s.file_line, s.measured_time, s.time_precision::"TimePrecision", now()
       FROM import_staging s
       LEFT JOIN unnest($5::text[], $6::uuid[]) AS nu(login, id) ON s.unit_id IS NULL AND nu.login = s.new_unit
       LEFT JOIN unnest($7::text[], $8::uuid[]) AS nt(number, id) ON s.task_id IS NULL AND nt.number = s.task_number
       LEFT JOIN unnest($9::int[], $10::boolean[]) AS f(utc_hour, flag) ON f.utc_hour = s.utc_hour
      WHERE s.staging_id = $1::uuid AND s.seq >= $11 AND s.seq < $12
      ORDER BY s.seq`,
    stagingId,
    batch.municipalityId,
    batch.id,
    batch.isTest,
    pgArray(units.map(([login]) => login)),
    pgArray(units.map(([, id]) => id)),
    pgArray(tasks.map(([number]) => number)),
    pgArray(tasks.map(([, id]) => id)),
    pgArray(resolved.hours),
    pgArray(resolved.flags),
    range.from,
    range.to,
  );
}

/** Removes one import's staged rows (after its transaction, whether it committed or not). */
export async function clearStaging(db: Pick<Tx, "$executeRawUnsafe">, stagingId: string): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM import_staging WHERE staging_id = $1::uuid`, stagingId);
}
