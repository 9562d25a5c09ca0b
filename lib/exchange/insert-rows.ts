import type { Prisma } from "@/lib/generated/prisma/client";
import type { RegistrationSource, TimePrecision } from "@/lib/generated/prisma/enums";

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
  /** Whether start and end are a measured contact time (see Registration.measuredTime). */
  measuredTime: boolean;
  timePrecision: TimePrecision;
  inCountingWeek: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Inserts one batch's registrations (never tied to a user; test registrations only for a mass
 * registration into a unit in test mode) and returns how many rows were written. With
 * `skipExistingIds`, ids already stored are skipped (ON CONFLICT DO NOTHING) instead of failing.
 */
export async function insertRegistrations(
  tx: Tx,
  batch: { id: string; municipalityId: string; source: RegistrationSource; isTest: boolean },
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
                                 is_test, in_counting_week, measured_time, time_precision, updated_at)
       SELECT t.id, $1::uuid, t.unit_id, NULL, t.task_id, t.channel_code, t.contact_type_code, t.closure_code,
              t.form, t.quantity, t.occurred_at, t.iso_year, t.iso_week, t.started_at, t.ended_at, $2::"RegistrationSource", $3::uuid,
              $18::boolean, t.in_counting_week, t.measured_time, t.time_precision::"TimePrecision", now()
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[],
                     $12::timestamptz[], $13::int[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::boolean[],
                     $19::boolean[], $20::text[])
           AS t(id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, quantity,
                occurred_at, iso_year, iso_week, started_at, ended_at, in_counting_week, measured_time, time_precision)
       ${options.skipExistingIds ? "ON CONFLICT (id) DO NOTHING" : ""}`,
      batch.municipalityId,
      batch.source,
      batch.id,
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
      batch.isTest,
      column((r) => r.measuredTime),
      column((r) => r.timePrecision),
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
