import "server-only";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";

// What the filter form offers: only municipalities and units the user may read.

export interface FilterOptions {
  municipalities: { number: number; name: string }[];
  units: { id: string; name: string; depth: number }[];
  rounds: { code: string; name: string; startsOn: string }[];
  packages: { code: string; name: string; needGroups: string[] }[];
  channels: { code: string; name: string; direction: string }[];
  /** The tasks the units in view count (every unit's, for national staff without a municipality), and any already in the filter. */
  tasks: { number: string; title: string }[];
  /** KL's filter on the round questionnaire: the round's single-choice questions and their options (national staff, with a round). */
  answerQuestions: { id: string; text: string; options: { id: string; label: string }[] }[];
}

/** The municipalities the user may read reports for (every one for national staff). */
export async function reportMunicipalities(query: SqlExecutor["query"], access: Access): Promise<FilterOptions["municipalities"]> {
  return query<{ number: number; name: string }>(
    `SELECT DISTINCT m.number, m.name FROM municipality m LEFT JOIN unit u ON u.municipality_id = m.id
     WHERE $1::boolean OR m.id = ANY($2::uuid[]) OR u.id = ANY($3::uuid[]) ORDER BY m.number`,
    [isNational(access), coordinatorMunicipalityIds(access), access.leadUnitIds],
  );
}

export async function loadFilterOptions(query: SqlExecutor["query"], access: Access, ctx: ReportContext): Promise<FilterOptions> {
  const municipalities = await reportMunicipalities(query, access);
  const units = ctx.municipality
    ? await query<{ id: string; name: string; depth: number }>(
        `WITH RECURSIVE t AS (
           SELECT id, name, 0 AS depth, name::text AS path FROM unit WHERE municipality_id = $1::uuid AND parent_id IS NULL AND archived_at IS NULL
           UNION ALL SELECT u.id, u.name, t.depth + 1, t.path || ' / ' || u.name FROM unit u JOIN t ON u.parent_id = t.id WHERE u.archived_at IS NULL)
         SELECT id, name, depth FROM t WHERE $2::boolean OR id = ANY($3::uuid[]) ORDER BY path`,
        [ctx.municipality.id, !ctx.unitRestricted, access.leadUnitIds],
      )
    : [];
  const rounds = await query<{ code: string; name: string; startsOn: string }>(
    `SELECT code, name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn" FROM counting_round ORDER BY starts_on DESC`,
  );
  const packages = await query<{ code: string; name: string; needGroups: string[] | null }>(
    `SELECT p.code, p.name, array_remove(array_agg(DISTINCT i.need_group), NULL) AS "needGroups"
     FROM task_package p LEFT JOIN task_package_item i ON i.package_id = p.id GROUP BY p.code, p.name ORDER BY p.name`,
  );
  const channels = await query<{ code: string; name: string; direction: string }>(
    `SELECT code, name, direction::text AS direction FROM channel ORDER BY direction, sort_order, code`,
  );
  const tasks = await query<{ number: string; title: string }>(
    `SELECT t.number, t.title FROM task t
     WHERE t.id IN (SELECT ut.task_id FROM unit_task ut JOIN unit u ON u.id = ut.unit_id
                    WHERE ($1::uuid IS NULL OR u.municipality_id = $1::uuid) AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[])))
        OR t.number = ANY($3::text[])
     ORDER BY t.number`,
    [ctx.municipality?.id ?? null, ctx.unitRestricted ? access.leadUnitIds : null, ctx.taskNumbers],
  );
  const answerOptions =
    isNational(access) && ctx.round
      ? await query<{ question_id: string; text: string; id: string; label: string }>(
          `SELECT q.id AS question_id, q.text, o.id, o.label FROM questionnaire_question q JOIN questionnaire_option o ON o.question_id = q.id
           WHERE q.round_id = $1::uuid AND q.kind = 'CHOICE' ORDER BY q.position, o.position`,
          [ctx.round.id],
        )
      : [];
  const answerQuestions = new Map<string, FilterOptions["answerQuestions"][number]>();
  for (const o of answerOptions) {
    const question = answerQuestions.get(o.question_id) ?? { id: o.question_id, text: o.text, options: [] };
    question.options.push({ id: o.id, label: o.label });
    answerQuestions.set(o.question_id, question);
  }
  return {
    answerQuestions: [...answerQuestions.values()],
    tasks,
    municipalities,
    units: units.map((u) => ({ ...u, depth: Number(u.depth) })),
    rounds,
    packages: packages.map((p) => ({ ...p, needGroups: p.needGroups ?? [] })),
    channels,
  };
}
