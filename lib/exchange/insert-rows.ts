import type { Prisma } from "@/lib/generated/prisma/client";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";

// Bulk inserts for imports: one INSERT … SELECT FROM unnest(arrays) per chunk, one array parameter
// per column. Prisma's createMany spends seconds per thousand rows building its query in JavaScript;
// this takes 100,000 rows in a few seconds (docs/benchmarks.md, "Data exchange").

type Tx = Prisma.TransactionClient;
const CHUNK = 10_000;

export interface RegistrationInsert {
  id: string;
  unitId: string;
  taskId: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  quantity: number;
  occurredAt: Date;
  isoYear: number;
  isoWeek: number;
  startedAt: Date | null;
  endedAt: Date | null;
  inCountingWeek: boolean;
  source: RegistrationSource;
  /** The file's line (file imports), for the export's order; null otherwise. */
  fileLine: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Inserts one batch's registrations (never tied to a user; test registrations only for a mass
 * registration into a unit in test mode), each with its own source (an old raw export holds rows of
 * two), and returns how many rows were written. With
 * `skipExistingIds`, ids already stored are skipped (ON CONFLICT DO NOTHING) instead of failing.
 */
export async function insertRegistrations(
  tx: Tx,
  batch: { id: string; municipalityId: string; isTest: boolean },
  rows: readonly RegistrationInsert[],
  options: { skipExistingIds?: boolean } = {},
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const column = <T>(pick: (r: RegistrationInsert) => T) => chunk.map(pick);
    written += await tx.$executeRawUnsafe(
      `INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code, closure_code,
                                 form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, batch_id,
                                 is_test, in_counting_week, file_line, updated_at)
       SELECT t.id, $1::uuid, t.unit_id, NULL, t.task_id, t.channel_code, t.contact_type_code, t.closure_code,
              t.form, t.quantity, t.occurred_at, t.iso_year, t.iso_week, t.started_at, t.ended_at, t.source::"RegistrationSource", $2::uuid,
              $3::boolean, t.in_counting_week, t.file_line, now()
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[],
                     $12::timestamptz[], $13::int[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::boolean[],
                     $18::text[], $19::int[])
           AS t(id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, quantity,
                occurred_at, iso_year, iso_week, started_at, ended_at, in_counting_week, source, file_line)
       ${options.skipExistingIds ? "ON CONFLICT (id) DO NOTHING" : ""}`,
      batch.municipalityId,
      batch.id,
      batch.isTest,
      column((r) => r.id),
      column((r) => r.unitId),
      column((r) => r.taskId),
      column((r) => r.channelCode),
      column((r) => r.contactTypeCode),
      column((r) => r.closureCode),
      column((r) => r.form),
      column((r) => r.quantity),
      column((r) => r.occurredAt.toISOString()),
      column((r) => r.isoYear),
      column((r) => r.isoWeek),
      column((r) => iso(r.startedAt)),
      column((r) => iso(r.endedAt)),
      column((r) => r.inCountingWeek),
      column((r) => r.source),
      column((r) => r.fileLine),
    );
  }
  return written;
}

/** Inserts extra-question answers (registration, question, option). */
export async function insertAnswers(tx: Tx, answers: readonly { registrationId: string; questionId: string; optionId: string }[]): Promise<void> {
  for (let i = 0; i < answers.length; i += CHUNK) {
    const chunk = answers.slice(i, i + CHUNK);
    await tx.$executeRawUnsafe(
      `INSERT INTO registration_answer (registration_id, question_id, option_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])`,
      chunk.map((a) => a.registrationId),
      chunk.map((a) => a.questionId),
      chunk.map((a) => a.optionId),
    );
  }
}
