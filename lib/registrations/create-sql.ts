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
}

/** Null when the unit does not exist, is archived, or the user is not a registrant or lead in it. */
export async function loadUnitFacts(
  sql: SqlExecutor,
  p: { userId: string; unitId: string; channelCode: string; taskId: string; contactTypeCode: string; closureCode: string; isoYear: number; isoWeek: number; day: string },
): Promise<UnitFacts | null> {
  const rows = await sql.query<UnitFacts>(
    `SELECT u.id AS unit_id, u.municipality_id, u.test_mode, u.time_measurement,
       EXISTS (SELECT 1 FROM unit_channel WHERE unit_id = u.id AND channel_code = $3) AS channel_enabled,
       (SELECT asks_form FROM channel WHERE code = $3) AS asks_form,
       EXISTS (SELECT 1 FROM unit_task WHERE unit_id = u.id AND task_id = $4::uuid) AS task_allowed,
       (SELECT number FROM task WHERE id = $4::uuid) AS task_number,
       EXISTS (SELECT 1 FROM contact_type WHERE code = $5) AS type_exists,
       EXISTS (SELECT 1 FROM closure WHERE code = $6) AS closure_exists,
       (EXISTS (SELECT 1 FROM municipality_counting_week w
                 WHERE w.municipality_id = u.municipality_id AND w.iso_year = $7 AND w.iso_week = $8)
        OR EXISTS (SELECT 1 FROM local_counting_period l
                 WHERE l.municipality_id = u.municipality_id AND l.starts_on <= $9::date AND l.ends_on >= $9::date)
       ) AS in_counting_period,
       EXISTS (SELECT 1 FROM extra_question_unit q JOIN extra_question e ON e.id = q.question_id
                WHERE q.unit_id = u.id AND e.archived_at IS NULL) AS has_questions
     FROM unit u
     WHERE u.id = $2::uuid AND u.archived_at IS NULL
       AND EXISTS (SELECT 1 FROM membership m
                    WHERE m.user_id = $1 AND m.unit_id = u.id AND m.municipality_id = u.municipality_id
                      AND m.role IN ('REGISTRANT', 'UNIT_LEAD'))`,
    [p.userId, p.unitId, p.channelCode, p.taskId, p.contactTypeCode, p.closureCode, p.isoYear, p.isoWeek, p.day],
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
  answers: { questionId: string; optionId: string }[];
}

/**
 * Inserts the registration and its answers in one statement (so atomically), or nothing if the id
 * exists already. Returns whether a row was inserted.
 */
export async function insertRegistration(sql: SqlExecutor, r: NewRegistrationRow): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `WITH inserted AS (
       INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code,
         closure_code, form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, is_test,
         in_counting_week, created_at, updated_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14, 'MANUAL',
         $15, $16, now(), now())
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ), answers AS (
       INSERT INTO registration_answer (registration_id, question_id, option_id)
       SELECT inserted.id, a.question_id, a.option_id
         FROM inserted, unnest($17::uuid[], $18::uuid[]) AS a(question_id, option_id)
     )
     SELECT id::text FROM inserted`,
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
    ],
  );
  return rows.length === 1;
}

export async function registrationOwner(sql: SqlExecutor, id: string): Promise<{ userId: string | null } | null> {
  const rows = await sql.query<{ user_id: string | null }>(`SELECT user_id FROM registration WHERE id = $1::uuid`, [id]);
  return rows[0] ? { userId: rows[0].user_id } : null;
}
