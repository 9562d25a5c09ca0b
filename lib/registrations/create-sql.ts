import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ChoiceFacts } from "./validate";

// The registration endpoint's two statements, in plain SQL because it is the hottest path in Spor:
// one to learn everything about the unit and the choices (membership included), one to insert.

export interface UnitFacts extends ChoiceFacts {
  unit_id: string;
  municipality_id: string;
  test_mode: boolean;
  time_measurement: boolean;
  has_questions: boolean;
  /** The user is a unit's shared login (source UNIT_LOGIN rather than MANUAL). */
  unit_login: boolean;
  /** The municipality's counting calendar, for inCountingWeek (lib/counting/in-counting-week.ts). */
  counting_weeks: number[];
  period_starts: string[];
  period_ends: string[];
}

/** Null when the unit does not exist, is archived, or the user is not a registrant or lead in it. */
export async function loadUnitFacts(
  sql: SqlExecutor,
  p: { userId: string; unitId: string; channelCode: string; taskId: string; contactTypeCode: string; closureCode: string },
): Promise<UnitFacts | null> {
  // registration_facts() is defined in prisma/migrations/20261210010000_source_facts: the same
  // checks as one cached plan (membership, channel, task, codes, questions), the kind of user and
  // the municipality's counting calendar.
  const rows = await sql.query<UnitFacts>(
    `SELECT unit_id::text, municipality_id::text, test_mode, time_measurement, channel_enabled, asks_form, task_allowed,
            task_number, type_exists, closure_exists, has_questions, unit_login, counting_weeks, period_starts, period_ends
       FROM registration_facts($1, $2::uuid, $3, $4::uuid, $5, $6)`,
    [p.userId, p.unitId, p.channelCode, p.taskId, p.contactTypeCode, p.closureCode],
  );
  return rows[0] ?? null;
}

export interface NewRegistrationRow {
  id: string;
  municipalityId: string;
  unitId: string;
  userId: string;
  taskId: string;
  channelCode: string;
  contactTypeCode: string;
  closureCode: string;
  form: boolean | null;
  occurredAt: Date;
  isoYear: number;
  isoWeek: number;
  startedAt: Date | null;
  endedAt: Date | null;
  isTest: boolean;
  inCountingWeek: boolean;
  /** MANUAL (personal account) or UNIT_LOGIN (a unit's shared login). */
  source: "MANUAL" | "UNIT_LOGIN";
  answers: { questionId: string; optionId: string }[];
}

/**
 * Inserts the registration and its answers in one statement (so atomically), or nothing if the id
 * exists already. Returns whether a row was inserted.
 */
export async function insertRegistration(sql: SqlExecutor, r: NewRegistrationRow): Promise<boolean> {
  // insert_manual_registration() (prisma/migrations/20261210010000_source_facts) inserts the row and its
  // answers in one call, or nothing when the id exists.
  const rows = await sql.query<{ inserted: boolean }>(
    `SELECT insert_manual_registration($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, $6, $7, $8, $9, $10::timestamptz, $11, $12,
       $13::timestamptz, $14::timestamptz, $15, $16, $17::uuid[], $18::uuid[], $19::"RegistrationSource") AS inserted`,
    [
      r.id,
      r.municipalityId,
      r.unitId,
      r.userId,
      r.taskId,
      r.channelCode,
      r.contactTypeCode,
      r.closureCode,
      r.form,
      r.occurredAt.toISOString(),
      r.isoYear,
      r.isoWeek,
      r.startedAt?.toISOString() ?? null,
      r.endedAt?.toISOString() ?? null,
      r.isTest,
      r.inCountingWeek,
      r.answers.map((a) => a.questionId),
      r.answers.map((a) => a.optionId),
      r.source,
    ],
  );
  return rows[0]?.inserted === true;
}

export async function registrationOwner(sql: SqlExecutor, id: string): Promise<{ userId: string | null } | null> {
  const rows = await sql.query<{ user_id: string | null }>(`SELECT user_id FROM registration WHERE id = $1::uuid`, [id]);
  return rows[0] ? { userId: rows[0].user_id } : null;
}
