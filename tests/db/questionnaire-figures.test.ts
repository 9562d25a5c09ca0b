import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { setDatabase } from "@/lib/db";
import { publicAnswers } from "@/lib/questionnaire/public";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";

// KL's filter of national figures on a single-choice answer of the round questionnaire (issue 17,
// docs/method.md "Filter på kommunernes svar"), on crafted data: the self-service rate and the channel
// mix of the municipalities that answered «Ja» / «Nej», checked against an independent computation in
// plain TypeScript from the same rows. A municipality that answered but has not approved the round,
// and one that did not answer, never count. And the public answers: published and approved only.

let database: SporDatabase;
let taskId: string;
let roundId: string;
const options = new Map<string, string>();
let textQuestion = "";
let choiceQuestion = "";

/** [channel, contact type, quantity]; every row in the counting week. */
type Row = [string, string | null, number];
interface Crafted {
  number: number;
  name: string;
  answer: "Ja" | "Nej" | null;
  approved: boolean;
  published: boolean;
  text?: string;
  rows: Row[];
}

const MUNICIPALITIES: Crafted[] = [
  {
    number: 259,
    name: "Køge",
    answer: "Ja",
    approved: true,
    published: true,
    text: "Strategi fra 2024",
    rows: [
      ["SLVBTJN", "OPRET", 30],
      ["PRSNLG", "OPRET", 10],
      ["TLFIND", "STATUS", 20],
      ["TLFIND", "INFO", 7],
      ["EMLUD", null, 4],
    ],
  },
  {
    number: 101,
    name: "København",
    answer: "Ja",
    approved: true,
    published: false,
    text: "HEMMELIGT-SVAR-KBH",
    rows: [
      ["SLVBTJN", "OPRET", 160],
      ["TLFIND", "OPRET", 40],
      ["EMLIND", "VEJL", 11],
    ],
  },
  {
    number: 461,
    name: "Odense",
    answer: "Nej",
    approved: true,
    published: true,
    rows: [
      ["SLVBTJN", "OPRET", 5],
      ["PRSNLG", "OPRET", 95],
    ],
  },
  // Answered «Ja» but not approved: no national figure counts it, and its answer is not public.
  {
    number: 751,
    name: "Aarhus",
    answer: "Ja",
    approved: false,
    published: true,
    text: "UGODKENDT-SVAR-AARHUS",
    rows: [
      ["SLVBTJN", "OPRET", 999],
      ["PRSNLG", "OPRET", 1],
    ],
  },
  // Approved, no answer: in no group.
  { number: 147, name: "Frederiksberg", answer: null, approved: true, published: true, rows: [["PRSNLG", "OPRET", 50]] },
];

const national: Access = { userId: "kl", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  const p = database.prisma;
  taskId = (await p.task.create({ data: { number: "90.01.01", title: "Opgave", level: "EMNE", source: "KLE" } })).id;
  roundId = (
    await p.countingRound.create({
      data: { code: "t-q", name: "Efterår 2026", startsOn: mondayOfIsoWeek(2026, 43), isoYear: 2026, firstWeek: 43, weekCount: 3 },
    })
  ).id;
  const question = await p.questionnaireQuestion.create({
    data: {
      roundId,
      position: 1,
      kind: "CHOICE",
      text: "Har kommunen en kanalstrategi?",
      isPublic: true,
      options: {
        create: [
          { label: "Ja", position: 1 },
          { label: "Nej", position: 2 },
        ],
      },
    },
    include: { options: true },
  });
  for (const o of question.options) options.set(o.label, o.id);
  choiceQuestion = question.id;
  textQuestion = (
    await p.questionnaireQuestion.create({ data: { roundId, position: 2, kind: "TEXT", text: "Hvilken strategi?", isPublic: true } })
  ).id;
  const occurredAt = instantAt(parseIsoDate("2026-10-20"), 10, 0);
  for (const m of MUNICIPALITIES) {
    const row = await p.municipality.create({ data: { number: m.number, name: m.name, publishLandkort: m.published } });
    const unit = await p.unit.create({ data: { municipalityId: row.id, name: "Borgerservice" } });
    await p.registration.createMany({
      data: m.rows.map(([channelCode, contactTypeCode, quantity]) => ({
        id: crypto.randomUUID(),
        municipalityId: row.id,
        unitId: unit.id,
        taskId,
        channelCode,
        contactTypeCode,
        occurredAt,
        ...isoWeekOf(occurredAt),
        source: "MANUAL" as const,
        isTest: false,
        inCountingWeek: true,
        quantity,
      })),
    });
    if (m.answer)
      await p.questionnaireAnswer.create({ data: { municipalityId: row.id, questionId: question.id, optionId: options.get(m.answer)! } });
    if (m.text) await p.questionnaireAnswer.create({ data: { municipalityId: row.id, questionId: textQuestion, textValue: m.text } });
    // Frederiksberg (no answer) also has a keyed self-service count: it must count in no group, like its registrations.
    if (m.number === 147) {
      await p.municipalityCountingWeek.create({ data: { municipalityId: row.id, roundId, isoYear: 2026, isoWeek: 43 } });
      const batch = await p.importBatch.create({ data: { municipalityId: row.id, kind: "SELF_SERVICE_GRID" } });
      await p.selfServiceCount.create({
        data: { municipalityId: row.id, taskId, isoYear: 2026, isoWeek: 43, count: 500, source: "STATISTICS_MODULE", batchId: batch.id },
      });
    }
    // Approved after its registrations (approval freezes them).
    if (m.approved) await p.roundApproval.create({ data: { municipalityId: row.id, roundId } });
  }
});
afterAll(async () => {
  setDatabase(undefined);
  await database.close();
});

// The independent computation: which municipalities the filter keeps, and the figures over their rows.
const group = (answer: "Ja" | "Nej") => MUNICIPALITIES.filter((m) => m.answer === answer && m.approved);
const channels = async () =>
  new Map((await database.prisma.channel.findMany({ select: { code: true, direction: true, selfService: true } })).map((c) => [c.code, c]));

async function expectedSelfService(answer: "Ja" | "Nej") {
  const byCode = await channels();
  let self = 0;
  let tx = 0;
  for (const [code, type, quantity] of group(answer).flatMap((m) => m.rows)) {
    const c = byCode.get(code)!;
    const transaction = c.direction === "IN" && (type === "OPRET" || type === "STATUS" || (type === null && c.selfService));
    if (!transaction) continue;
    tx += quantity;
    if (c.selfService) self += quantity;
  }
  return { self, tx, rate: self / tx };
}

async function expectedMix(answer: "Ja" | "Nej") {
  const byCode = await channels();
  const contacts = new Map<string, number>();
  for (const [code, , quantity] of group(answer).flatMap((m) => m.rows)) contacts.set(code, (contacts.get(code) ?? 0) + quantity);
  const inDirection = (dir: string) => [...contacts].filter(([c]) => byCode.get(c)!.direction === dir).reduce((s, [, n]) => s + n, 0);
  return [...contacts].map(([code, n]) => ({ code, contacts: n, share: n / inDirection(byCode.get(code)!.direction) }));
}

const run = (slug: string, answer: "Ja" | "Nej") => runReport(database.sql, national, slug, { runde: "t-q", svar: options.get(answer)! });

describe("national figures filtered on a questionnaire answer", () => {
  for (const answer of ["Ja", "Nej"] as const) {
    it(`self-service rate of the municipalities that answered «${answer}» and approved`, async () => {
      const { result, ctx } = await run("selvbetjening", answer);
      const total = result.tables[0].total!;
      const expected = await expectedSelfService(answer);
      expect(total.self).toBe(expected.self);
      expect(total.tx).toBe(expected.tx);
      expect(Number(total.rate)).toBeCloseTo(expected.rate, 10);
      expect(ctx.approvedOnly).toBe(true);
      expect(result.notes[0]).toContain(`svaret «${answer}» på «Har kommunen en kanalstrategi?»`);
      expect(result.notes[0]).toContain(`${group(answer).length} ${group(answer).length === 1 ? "kommune" : "kommuner"}`);
    });

    it(`channel mix of the municipalities that answered «${answer}» and approved`, async () => {
      const { result } = await run("kanaler", answer);
      const rows = result.tables[0].rows.map((r) => ({ code: r.channelCode, contacts: r.contacts, share: r.share }));
      const expected = await expectedMix(answer);
      expect(rows.map((r) => r.code).sort()).toEqual(expected.map((r) => r.code).sort());
      for (const e of expected) {
        const row = rows.find((r) => r.code === e.code)!;
        expect(row.contacts).toBe(e.contacts);
        expect(Number(row.share)).toBeCloseTo(e.share, 10);
      }
    });
  }

  it("the hand-computed figures: «Ja» 190 of 260 self-service (Køge and København; Aarhus unapproved), «Nej» 5 of 100", async () => {
    expect(await expectedSelfService("Ja")).toEqual({ self: 190, tx: 260, rate: 190 / 260 });
    expect(await expectedSelfService("Nej")).toEqual({ self: 5, tx: 100, rate: 0.05 });
  });

  it("needs a round, an option of that round's questionnaire, and national staff", async () => {
    await expect(runReport(database.sql, national, "selvbetjening", { uge: "2026-43", svar: options.get("Ja")! })).rejects.toThrow(
      "Vælg en tællerunde for at filtrere på kommunernes svar.",
    );
    await expect(runReport(database.sql, national, "selvbetjening", { runde: "t-q", svar: crypto.randomUUID() })).rejects.toThrow(
      "Svaret hører ikke til spørgeskemaet for «Efterår 2026».",
    );
    const koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
    const coordinator: Access = {
      userId: "c",
      memberships: [{ role: "COORDINATOR", municipalityId: koege, unitId: null }],
      leadUnitIds: [],
    };
    await expect(runReport(database.sql, coordinator, "selvbetjening", { runde: "t-q", svar: options.get("Ja")! })).rejects.toThrow(
      "Siden findes ikke.",
    );
  });
});

describe("national figures grouped on a questionnaire answer", () => {
  it("the self-service rate per answer: one row per option, each the filtered figure", async () => {
    const { result } = await runReport(database.sql, national, "selvbetjening", { runde: "t-q", gruppering: choiceQuestion });
    const table = result.tables.find((x) => x.id === "pr-svar")!;
    expect(table.title).toBe("Selvbetjeningsgrad pr. svar på «Har kommunen en kanalstrategi?»");
    expect(table.bases?.length).toBeGreaterThan(0);
    for (const answer of ["Ja", "Nej"] as const) {
      const row = table.rows.find((r) => r.answer === answer)!;
      const expected = await expectedSelfService(answer);
      expect(row.municipalities).toBe(group(answer).length);
      expect(row.self).toBe(expected.self);
      expect(row.tx).toBe(expected.tx);
      expect(Number(row.rate)).toBeCloseTo(expected.rate, 10);
    }
    expect(table.rows).toHaveLength(2);
  });

  it("the channel mix per answer", async () => {
    const { result } = await runReport(database.sql, national, "kanaler", { runde: "t-q", gruppering: choiceQuestion });
    const table = result.tables.find((x) => x.id === "pr-svar")!;
    for (const answer of ["Ja", "Nej"] as const) {
      const rows = table.rows.filter((r) => r.answer === answer);
      const expected = await expectedMix(answer);
      expect(rows.map((r) => r.channelCode).sort()).toEqual(expected.map((e) => e.code).sort());
      for (const e of expected) {
        const row = rows.find((r) => r.channelCode === e.code)!;
        expect(row.contacts).toBe(e.contacts);
        expect(Number(row.share)).toBeCloseTo(e.share, 10);
      }
    }
  });

  it("needs a single-choice question of the round, not with the filter, and national staff", async () => {
    await expect(runReport(database.sql, national, "selvbetjening", { runde: "t-q", gruppering: textQuestion })).rejects.toThrow(
      "Spørgsmålet er ikke et enkeltvalg i spørgeskemaet for «Efterår 2026».",
    );
    await expect(
      runReport(database.sql, national, "selvbetjening", { runde: "t-q", gruppering: choiceQuestion, svar: options.get("Ja")! }),
    ).rejects.toThrow("Vælg enten et filter eller en gruppering");
    const koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
    const coordinator: Access = {
      userId: "c",
      memberships: [{ role: "COORDINATOR", municipalityId: koege, unitId: null }],
      leadUnitIds: [],
    };
    await expect(runReport(database.sql, coordinator, "kanaler", { runde: "t-q", gruppering: choiceQuestion })).rejects.toThrow(
      "Siden findes ikke.",
    );
  });
});

describe("the public answers on Det Digitale Landkort", () => {
  it("only public questions, only municipalities that publish and approved the round", async () => {
    const answers = await publicAnswers(database.sql.query.bind(database.sql), roundId);
    expect(answers.questions.map((q) => q.text)).toEqual(["Har kommunen en kanalstrategi?", "Hvilken strategi?"]);
    expect(answers.rows).toEqual(
      [
        { number: 147, name: "Frederiksberg", cells: [null, null] },
        { number: 259, name: "Køge", cells: ["Ja", "Strategi fra 2024"] },
        { number: 461, name: "Odense", cells: ["Nej", null] },
      ].filter((r) => r.cells.some((c) => c !== null)),
    );
    expect(JSON.stringify(answers)).not.toContain("HEMMELIGT-SVAR-KBH");
    expect(JSON.stringify(answers)).not.toContain("UGODKENDT-SVAR-AARHUS");
  });

  it("a question KL keeps private is not public, whoever published", async () => {
    await database.prisma.questionnaireQuestion.update({ where: { id: textQuestion }, data: { isPublic: false } });
    const answers = await publicAnswers(database.sql.query.bind(database.sql), roundId);
    expect(answers.questions.map((q) => q.text)).toEqual(["Har kommunen en kanalstrategi?"]);
    expect(JSON.stringify(answers)).not.toContain("Strategi fra 2024");
    await database.prisma.questionnaireQuestion.update({ where: { id: textQuestion }, data: { isPublic: true } });
  });
});
