import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminContext } from "@/lib/actions/context";
import { approveRound, reopenRound } from "@/lib/approval/approval";
import { deleteRound } from "@/lib/counting/rounds";
import { parseCsv } from "@/lib/exchange/csv";
import { saveAnswers } from "@/lib/questionnaire/answer";
import { answerMatrixCsv } from "@/lib/questionnaire/csv";
import { addQuestion, copyQuestionnaire, deleteQuestion, moveQuestion, updateQuestion } from "@/lib/questionnaire/define";
import { answerMatrix } from "@/lib/questionnaire/queries";
import { adminTestDatabase } from "@/tests/helpers/admin";

// KL's round questionnaire (issue 17, docs/coordinators.md "Spørgeskema fra KL"): KL defines it,
// coordinators answer once per round until approval freezes the answers, other municipalities and
// other roles are refused with nothing changed, every change is audit-logged, and KL reads the answers
// side by side and as CSV.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let kl: AdminContext;
let koege: AdminContext;
let kbh: AdminContext;
let roundId: string;
const q = { strategy: "", staff: "", method: "" };
const opt = new Map<string, string>();
const NOW = new Date("2025-04-01T12:00:00Z");

beforeAll(async () => {
  t = await adminTestDatabase();
  kl = await t.ctx("national@spor.test");
  koege = await t.ctx("koordinator@koege.test", NOW);
  kbh = await t.ctx("koordinator@kbh.test", NOW);
  roundId = (
    await t.prisma.countingRound.create({
      data: { code: "t-q-2025", name: "Forår 2025", startsOn: new Date(Date.UTC(2025, 2, 10)), isoYear: 2025, firstWeek: 11, weekCount: 1 },
    })
  ).id;
  for (const number of [259, 101] as const)
    await t.prisma.municipalityCountingWeek.create({
      data: { municipalityId: t.municipalityId(number), roundId, isoYear: 2025, isoWeek: 11 },
    });
});
afterAll(() => t.database.close());

const snapshot = async () => ({
  questions: await t.prisma.questionnaireQuestion.findMany({ orderBy: { id: "asc" }, include: { options: { orderBy: { id: "asc" } } } }),
  answers: await t.prisma.questionnaireAnswer.findMany({ orderBy: [{ municipalityId: "asc" }, { questionId: "asc" }] }),
});
async function expectUnchanged(call: () => Promise<unknown>, message: string | RegExp) {
  const before = await snapshot();
  await expect(call()).rejects.toThrow(message);
  expect(await snapshot()).toEqual(before);
}
const audits = (action: string) => t.prisma.auditEvent.count({ where: { action } });

describe("KL defines the questionnaire", () => {
  it("adds single choice, number and short text questions in order, audit-logged", async () => {
    q.strategy = (
      await addQuestion(kl, { roundId, kind: "CHOICE", text: "Har kommunen en kanalstrategi?", isPublic: true, options: "Ja\nNej" })
    ).id;
    q.staff = (
      await addQuestion(kl, { roundId, kind: "NUMBER", text: "Hvor mange årsværk i borgerservice?", isPublic: false, options: "" })
    ).id;
    q.method = (
      await addQuestion(kl, { roundId, kind: "TEXT", text: "Hvordan dokumenterer I henvendelser?", isPublic: false, options: "" })
    ).id;
    const questions = await t.prisma.questionnaireQuestion.findMany({
      where: { roundId },
      orderBy: { position: "asc" },
      include: { options: true },
    });
    expect(questions.map((x) => [x.position, x.kind, x.text])).toEqual([
      [1, "CHOICE", "Har kommunen en kanalstrategi?"],
      [2, "NUMBER", "Hvor mange årsværk i borgerservice?"],
      [3, "TEXT", "Hvordan dokumenterer I henvendelser?"],
    ]);
    for (const o of questions[0].options) opt.set(o.label, o.id);
    expect(await audits("questionnaire.question.create")).toBe(3);
  });

  it("refuses bad input in Danish with nothing changed", async () => {
    await expectUnchanged(
      () => addQuestion(kl, { roundId, kind: "CHOICE", text: "Et valg?", isPublic: false, options: "Kun én" }),
      "Skriv mindst to svarmuligheder",
    );
    await expectUnchanged(
      () => addQuestion(kl, { roundId, kind: "NUMBER", text: "Et tal?", isPublic: false, options: "Ja\nNej" }),
      "Kun spørgsmål med enkeltvalg",
    );
    await expectUnchanged(
      () => addQuestion(kl, { roundId: crypto.randomUUID(), kind: "TEXT", text: "Tekst?", isPublic: false, options: "" }),
      "Tællerunden findes ikke.",
    );
  });

  it("only national staff define it", async () => {
    await expectUnchanged(() => addQuestion(koege, { roundId, kind: "TEXT", text: "Egen?", isPublic: false, options: "" }), "Kun KL");
    await expectUnchanged(() => deleteQuestion(koege, { questionId: q.method }), "Kun KL");
    await expectUnchanged(() => moveQuestion(kbh, { questionId: q.method, direction: "up" }), "Kun KL");
  });

  it("moves a question, and edits freely while unanswered", async () => {
    await moveQuestion(kl, { questionId: q.method, direction: "up" });
    await moveQuestion(kl, { questionId: q.method, direction: "down" });
    const positions = await t.prisma.questionnaireQuestion.findMany({
      where: { roundId },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    expect(positions.map((x) => x.id)).toEqual([q.strategy, q.staff, q.method]);
    await updateQuestion(kl, {
      questionId: q.strategy,
      text: "Har kommunen en vedtaget kanalstrategi?",
      isPublic: true,
      options: "Ja\nNej\nUnder udarbejdelse",
    });
    const strategy = await t.prisma.questionnaireQuestion.findUniqueOrThrow({
      where: { id: q.strategy },
      include: { options: { orderBy: { position: "asc" } } },
    });
    expect(strategy.text).toBe("Har kommunen en vedtaget kanalstrategi?");
    expect(strategy.options.map((o) => o.label)).toEqual(["Ja", "Nej", "Under udarbejdelse"]);
    // The existing options keep their ids (answers point at them).
    expect(strategy.options[0].id).toBe(opt.get("Ja"));
  });
});

describe("coordinators answer", () => {
  it("saves the answers, audit-logged, and changes them", async () => {
    const result = await saveAnswers(koege, {
      municipalityId: t.municipalityId(259),
      roundId,
      values: { [q.strategy]: opt.get("Ja")!, [q.staff]: "12,5", [q.method]: "  Journalark   i ESDH " },
    });
    expect(result).toEqual({ answered: 3, changed: 3 });
    const answers = await t.prisma.questionnaireAnswer.findMany({ where: { municipalityId: t.municipalityId(259) } });
    expect(answers.find((a) => a.questionId === q.staff)?.numberValue).toBe(12.5);
    expect(answers.find((a) => a.questionId === q.method)?.textValue).toBe("Journalark i ESDH");
    // Clearing a field removes that answer; saving the same again changes nothing and writes no audit event.
    await saveAnswers(koege, {
      municipalityId: t.municipalityId(259),
      roundId,
      values: { [q.strategy]: opt.get("Nej")!, [q.staff]: "", [q.method]: "Journalark i ESDH" },
    });
    const events = await audits("questionnaire.answer");
    expect(
      await saveAnswers(koege, {
        municipalityId: t.municipalityId(259),
        roundId,
        values: { [q.strategy]: opt.get("Nej")!, [q.method]: "Journalark i ESDH" },
      }),
    ).toEqual({
      answered: 2,
      changed: 0,
    });
    expect(await audits("questionnaire.answer")).toBe(events);
    expect(await t.prisma.questionnaireAnswer.count({ where: { municipalityId: t.municipalityId(259) } })).toBe(2);
  });

  it("refuses bad answers in Danish, all of them named, with nothing changed", async () => {
    const error = await saveAnswers(koege, {
      municipalityId: t.municipalityId(259),
      roundId,
      values: { [q.strategy]: crypto.randomUUID(), [q.staff]: "1.234,5", [q.method]: "x".repeat(201) },
    }).catch((e: Error & { messages?: string[] }) => e);
    expect((error as { messages: string[] }).messages).toEqual([
      "Spørgsmål 1: Vælg en af svarmulighederne.",
      "Spørgsmål 2: Skriv et tal uden tusindtalspunktum, fx 12 eller 2,5.",
      "Spørgsmål 3: Svaret må højst være 200 tegn.",
    ]);
    await expectUnchanged(
      () =>
        saveAnswers(koege, {
          municipalityId: t.municipalityId(259),
          roundId,
          values: { [q.strategy]: opt.get("Ja")!, [q.staff]: "mange" },
        }),
      "Spørgsmål 2",
    );
    await expectUnchanged(
      () => saveAnswers(koege, { municipalityId: t.municipalityId(259), roundId, values: { [crypto.randomUUID()]: "1" } }),
      "findes ikke i «Forår 2025»",
    );
  });

  it("another municipality's coordinator, a unit lead, a registrant and KL cannot answer for Køge", async () => {
    for (const ctx of [kbh, await t.ctx("leder@koege.test"), await t.ctx("medarbejder@koege.test"), kl])
      await expectUnchanged(
        () => saveAnswers(ctx, { municipalityId: t.municipalityId(259), roundId, values: { [q.strategy]: opt.get("Ja")! } }),
        "Du har ikke adgang til dette.",
      );
  });

  it("København answers for itself; a municipality outside the round cannot", async () => {
    await saveAnswers(kbh, { municipalityId: t.municipalityId(101), roundId, values: { [q.strategy]: opt.get("Ja")!, [q.staff]: "40" } });
    await t.prisma.municipalityCountingWeek.deleteMany({ where: { municipalityId: t.municipalityId(101), roundId } });
    await expectUnchanged(
      () => saveAnswers(kbh, { municipalityId: t.municipalityId(101), roundId, values: { [q.staff]: "41" } }),
      "Kommunen deltager ikke i «Forår 2025».",
    );
    await t.prisma.municipalityCountingWeek.create({
      data: { municipalityId: t.municipalityId(101), roundId, isoYear: 2025, isoWeek: 11 },
    });
  });

  it("approval freezes the answers; reopening opens them", async () => {
    await approveRound(koege, { municipalityId: t.municipalityId(259), roundId, findingsSeen: true });
    await expectUnchanged(
      () => saveAnswers(koege, { municipalityId: t.municipalityId(259), roundId, values: { [q.strategy]: opt.get("Ja")! } }),
      "er godkendt og låst, også svarene",
    );
    await reopenRound(koege, { municipalityId: t.municipalityId(259), roundId });
    await saveAnswers(koege, {
      municipalityId: t.municipalityId(259),
      roundId,
      values: { [q.strategy]: opt.get("Ja")!, [q.method]: "Journalark i ESDH" },
    });
    await approveRound(koege, { municipalityId: t.municipalityId(259), roundId, findingsSeen: true });
  });
});

describe("editing after answers exist", () => {
  it("keeps the wording and chosen options; adding options and the public choice stay open", async () => {
    await expectUnchanged(
      () => updateQuestion(kl, { questionId: q.strategy, text: "Ny ordlyd?", isPublic: true, options: "Ja\nNej\nUnder udarbejdelse" }),
      "Spørgsmålet er besvaret af 2 kommuner, så ordlyden kan ikke ændres.",
    );
    await expectUnchanged(
      () =>
        updateQuestion(kl, {
          questionId: q.strategy,
          text: "Har kommunen en vedtaget kanalstrategi?",
          isPublic: true,
          options: "Jo\nNej\nUnder udarbejdelse",
        }),
      "Svarmuligheden «Ja» er valgt af 2 kommuner og kan ikke fjernes eller omdøbes.",
    );
    await expectUnchanged(
      () => deleteQuestion(kl, { questionId: q.strategy }),
      "Spørgsmålet er besvaret af 2 kommuner og kan ikke slettes.",
    );
    // An unchosen option can go, new ones can come, and the public choice can change.
    await updateQuestion(kl, {
      questionId: q.strategy,
      text: "Har kommunen en vedtaget kanalstrategi?",
      isPublic: false,
      options: "Ja\nNej\nDelvist",
    });
    const options = await t.prisma.questionnaireOption.findMany({ where: { questionId: q.strategy }, orderBy: { position: "asc" } });
    expect(options.map((o) => o.label)).toEqual(["Ja", "Nej", "Delvist"]);
    // The database keeps an answered question too (ON DELETE RESTRICT), whatever the code does.
    await expect(t.prisma.questionnaireQuestion.delete({ where: { id: q.strategy } })).rejects.toThrow();
  });

  it("copies the questionnaire to an empty round only", async () => {
    const next = await t.prisma.countingRound.create({
      data: { code: "t-q-2026", name: "Forår 2026", startsOn: new Date(Date.UTC(2026, 2, 9)), isoYear: 2026, firstWeek: 11, weekCount: 1 },
    });
    expect(await copyQuestionnaire(kl, { roundId: next.id, fromRoundId: roundId })).toEqual({ count: 3 });
    const copied = await t.prisma.questionnaireQuestion.findMany({
      where: { roundId: next.id },
      orderBy: { position: "asc" },
      include: { options: true },
    });
    expect(copied.map((x) => x.text)).toEqual([
      "Har kommunen en vedtaget kanalstrategi?",
      "Hvor mange årsværk i borgerservice?",
      "Hvordan dokumenterer I henvendelser?",
    ]);
    await expectUnchanged(() => copyQuestionnaire(kl, { roundId: next.id, fromRoundId: roundId }), "har allerede spørgsmål");
    await expectUnchanged(() => copyQuestionnaire(koege, { roundId: next.id, fromRoundId: roundId }), "Kun KL");
  });
});

describe("deleting a round", () => {
  it("takes an unanswered questionnaire along, and is refused while answers exist", async () => {
    const make = (code: string, isoYear: number) =>
      t.prisma.countingRound.create({
        data: { code, name: code, startsOn: new Date(Date.UTC(isoYear, 0, 6)), isoYear, firstWeek: 2, weekCount: 1 },
      });
    const empty = await make("t-q-empty", 2021);
    await addQuestion(kl, { roundId: empty.id, kind: "TEXT", text: "Ubesvaret?", isPublic: false, options: "" });
    await deleteRound(kl, empty.id);
    expect(await t.prisma.questionnaireQuestion.count({ where: { roundId: empty.id } })).toBe(0);

    const answered = await make("t-q-answered", 2022);
    const { id } = await addQuestion(kl, { roundId: answered.id, kind: "NUMBER", text: "Besvaret?", isPublic: false, options: "" });
    const week = await t.prisma.municipalityCountingWeek.create({
      data: { municipalityId: t.municipalityId(259), roundId: answered.id, isoYear: 2022, isoWeek: 2 },
    });
    await saveAnswers(koege, { municipalityId: t.municipalityId(259), roundId: answered.id, values: { [id]: "3" } });
    // The municipality leaves the round; its answer still keeps the round.
    await t.prisma.municipalityCountingWeek.delete({ where: { id: week.id } });
    await expectUnchanged(() => deleteRound(kl, answered.id), "svar på spørgeskemaet");
  });
});

describe("KL reads the answers side by side", () => {
  it("municipalities as rows, questions as columns, and the same as CSV", async () => {
    const matrix = (await answerMatrix(t.prisma, kl.access, "t-q-2025"))!;
    expect(matrix.questions.map((x) => x.text)).toEqual([
      "Har kommunen en vedtaget kanalstrategi?",
      "Hvor mange årsværk i borgerservice?",
      "Hvordan dokumenterer I henvendelser?",
    ]);
    expect(matrix.rows.map((r) => [r.number, r.approved, r.cells])).toEqual([
      [101, false, ["Ja", 40, null]],
      [259, true, ["Ja", null, "Journalark i ESDH"]],
    ]);
    expect(parseCsv(answerMatrixCsv(matrix))).toEqual([
      [
        "kommunenr",
        "kommune",
        "godkendt",
        "1. Har kommunen en vedtaget kanalstrategi?",
        "2. Hvor mange årsværk i borgerservice?",
        "3. Hvordan dokumenterer I henvendelser?",
      ],
      ["101", "København", "NEJ", "Ja", "40", ""],
      ["259", "Køge", "JA", "Ja", "", "Journalark i ESDH"],
    ]);
    await expect(answerMatrix(t.prisma, koege.access, "t-q-2025")).rejects.toThrow("Du har ikke adgang til dette.");
  });
});
