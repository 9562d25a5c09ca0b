import { UserFacingError } from "@/lib/errors";
import { ANSWER_ROLLUPS, ANSWERS, pickRollup } from "./rollups";
import { filterDims, Params, reportSource } from "./sql";
import type { ReportChart, ReportDefinition, ReportRow, ReportTable } from "./types";

// The answers to the municipality's extra questions (and KL's), counted in contacts like every
// other figure, per option and per channel. They are read from the answer rollup
// (report_answer_rollup); a filter it has no dimension for (tasks, packages) reads the answered
// registrations themselves.

type Counted = { question_id: string; option_id: string; channel_code: string; contacts: number };

export const answers: ReportDefinition = {
  slug: "svar",
  title: "Ekstra spørgsmål",
  description: "Svarene på kommunens og KL's ekstra spørgsmål, i henvendelser, pr. svarmulighed og pr. kanal.",
  audience: "unit",
  municipalityOnly: true,
  async run(query, ctx) {
    if (!ctx.municipality) throw new UserFacingError("Vælg en kommune for at se svarene på dens spørgsmål.");
    const p = new Params();
    const needs = ["municipality" as const, "channel" as const, ...filterDims(ctx, {})];
    const source = ctx.useRollups === false ? ANSWERS : pickRollup(needs, ANSWER_ROLLUPS, ANSWERS);
    const src = reportSource(ctx, p, [], { source });
    const counted = await query<Counted>(
      `SELECT r.question_id::text, r.option_id::text, r.channel_code, sum(r.quantity)::float8 AS contacts
       FROM ${src.from} WHERE ${src.where} GROUP BY 1, 2, 3`,
      p.values,
    );
    const questionIds = [...new Set(counted.map((c) => c.question_id))];
    const [questions, options, channels] = await Promise.all([
      query<{ id: string; text: string }>(
        `SELECT id::text, text FROM extra_question WHERE id = ANY($1::uuid[]) ORDER BY created_at, text`,
        [questionIds],
      ),
      query<{ id: string; question_id: string; label: string }>(
        `SELECT id::text, question_id::text, label FROM extra_question_option WHERE question_id = ANY($1::uuid[]) ORDER BY sort_order, label`,
        [questionIds],
      ),
      query<{ code: string; name: string; direction: string }>(
        `SELECT code, name, direction FROM channel ORDER BY direction, sort_order, code`,
      ),
    ]);
    const tables: ReportTable[] = [];
    const charts: ReportChart[] = [];
    questions.forEach((q, index) => {
      const own = counted.filter((c) => c.question_id === q.id);
      const opts = options.filter((o) => o.question_id === q.id);
      const sum = (rows: Counted[]) => rows.reduce((s, c) => s + Number(c.contacts), 0);
      const total = sum(own);
      const perOption: ReportRow[] = opts.map((o) => {
        const contacts = sum(own.filter((c) => c.option_id === o.id));
        return { label: o.label, contacts, share: total ? contacts / total : null, answered: total };
      });
      const id = `spoergsmaal-${index + 1}`;
      tables.push({
        id,
        title: q.text,
        caption: `Svar på "${q.text}"`,
        columns: [
          { key: "label", label: "Svar", kind: "text" },
          { key: "contacts", label: "Henvendelser", kind: "count" },
          {
            key: "share",
            label: "Andel af svarene",
            kind: "share",
            base: { n: "answered", nLabel: "Henvendelser med svar (n)", counts: "henvendelser med et svar på spørgsmålet" },
          },
        ],
        rows: perOption,
        total: { label: "I alt", contacts: total, share: total ? 1 : null, answered: total },
      });
      const used = channels.filter((ch) => own.some((c) => c.channel_code === ch.code));
      tables.push({
        id: `${id}-kanaler`,
        title: `${q.text} – pr. kanal`,
        caption: `Svar på "${q.text}" pr. kanal`,
        columns: [
          { key: "label", label: "Kanal", kind: "text" },
          ...opts.map((o) => ({ key: o.id, label: o.label, kind: "count" as const })),
          { key: "total", label: "I alt", kind: "count" },
        ],
        rows: used.map((ch) => {
          const row: ReportRow = { label: `${ch.name}, ${ch.direction === "IN" ? "indgående" : "udgående"}` };
          for (const o of opts) row[o.id] = sum(own.filter((c) => c.channel_code === ch.code && c.option_id === o.id));
          row.total = sum(own.filter((c) => c.channel_code === ch.code));
          return row;
        }),
      });
      charts.push({
        title: q.text,
        caption: `Andel af svarene på "${q.text}". Tallene står i tabellen.`,
        unit: "share",
        tableId: id,
        bars: perOption.map((r) => ({ label: String(r.label), value: r.share as number | null })),
      });
    });
    if (!tables.length) {
      // Like every report: a table, here an empty one, so the page and the downloads say "nothing".
      tables.push({
        id: "spoergsmaal",
        title: "Svar",
        caption: "Svar på ekstra spørgsmål",
        columns: [
          { key: "label", label: "Svar", kind: "text" },
          { key: "contacts", label: "Henvendelser", kind: "count" },
        ],
        rows: [],
      });
    }
    return {
      tables,
      charts,
      notes: [
        questions.length
          ? "Tæller henvendelser med et svar; registreringer uden svar (valgfrie spørgsmål) er ikke med."
          : "Ingen svar på ekstra spørgsmål i perioden. Spørgsmål oprettes under Administration → Ekstra spørgsmål.",
      ],
    };
  },
};
