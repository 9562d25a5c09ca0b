import { describe, expect, it } from "vitest";
import { addLine, contactCombinations, describeLine, nextTask, singleSelection, summariseContact } from "@/components/registration/contact";
import { EMPTY_SELECTION, type ScreenData, type Selection } from "@/components/registration/model";

// One contact about several tasks on the registration screen: + puts a task on the list; Gem
// saves one registration per task, with per-task or shared type and closure.

const task = (id: string, number: string, title: string) => ({ id, number, title, level: "EMNE" as const, udbetalingDanmark: false });
const screen = {
  unit: { id: "u", name: "Skranke", testMode: false, timeMeasurement: false },
  channels: [
    { code: "TLFIND", name: "Telefon", direction: "IN", asksForm: false },
    { code: "PRSNLG", name: "Personligt fremmøde", direction: "IN", asksForm: true },
  ],
  tasks: [
    task("flyt", "23.05.10", "Flytning"),
    task("pas", "23.09.02", "Pas"),
    task("kort", "23.09.04", "Kørekort"),
    task("fejl", "FEJL", "Fejlhenvendelse"),
  ],
  contactTypes: [],
  closures: [],
  questions: [],
} as unknown as ScreenData;
const sel = (s: Partial<Selection>): Selection => ({ ...EMPTY_SELECTION, channelCode: "TLFIND", ...s });

describe("adding tasks to one contact", () => {
  it("keeps the shared choices for the next task and refuses a task twice", () => {
    const first = sel({ taskId: "flyt", contactTypeCode: "INFO", closureCode: "STRAKS" });
    const added = addLine(screen, [], first);
    expect(added).toEqual({ lines: [{ taskId: "flyt", contactTypeCode: "INFO", closureCode: "STRAKS" }] });
    expect(nextTask(first)).toEqual(sel({ contactTypeCode: "INFO", closureCode: "STRAKS" }));
    const lines = "lines" in added ? added.lines : [];
    expect(addLine(screen, lines, sel({ taskId: "flyt" }))).toEqual({
      error: "Flytning er allerede med i henvendelsen: hver opgave registreres én gang.",
    });
    expect(addLine(screen, lines, sel({}))).toEqual({ error: "Vælg en opgave først, og tryk så + for at tilføje den næste." });
  });

  it("drops Fejlhenvendelse's type with its task", () => {
    expect(nextTask(sel({ taskId: "fejl", contactTypeCode: "FEJL", closureCode: "STRAKS" }))).toEqual(sel({ closureCode: "STRAKS" }));
  });
});

describe("what Gem stores for a contact", () => {
  it("fills tasks added without type and closure with the choices made last (shared)", () => {
    const lines = [
      { taskId: "flyt", contactTypeCode: null, closureCode: null },
      { taskId: "pas", contactTypeCode: null, closureCode: null },
    ];
    const result = contactCombinations(screen, lines, sel({ taskId: "kort", contactTypeCode: "VEJL", closureCode: "HOLD" }));
    expect(result).toEqual({
      combinations: ["flyt", "pas", "kort"].map((taskId) => ({
        channelCode: "TLFIND",
        taskId,
        contactTypeCode: "VEJL",
        closureCode: "HOLD",
        form: null,
        answers: {},
      })),
    });
  });

  it("keeps a task's own type and closure (per task), and the hand-off closure", () => {
    const lines = [{ taskId: "flyt", contactTypeCode: "OPRET", closureCode: "VIDERE" }];
    const result = contactCombinations(screen, lines, sel({ taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" }));
    expect("combinations" in result && result.combinations.map((c) => [c.taskId, c.contactTypeCode, c.closureCode])).toEqual([
      ["flyt", "OPRET", "VIDERE"],
      ["pas", "INFO", "STRAKS"],
    ]);
    expect("combinations" in result && summariseContact(screen, result.combinations)).toBe(
      "Telefon ind · Flytning (Ny sag, Stillet videre) + Pas (Info, Straks)",
    );
  });

  it("names what is missing: the shared type, the form of a channel that asks it", () => {
    const lines = [{ taskId: "flyt", contactTypeCode: null, closureCode: "STRAKS" }];
    expect(contactCombinations(screen, lines, sel({ taskId: "pas", closureCode: "STRAKS" }))).toEqual({ missing: ["type"] });
    const visit = sel({ channelCode: "PRSNLG", taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" });
    expect(contactCombinations(screen, [{ taskId: "flyt", contactTypeCode: "INFO", closureCode: "STRAKS" }], visit)).toEqual({
      missing: ["form"],
    });
  });

  it("never gives Fejlhenvendelse's type to another task, and refuses a task twice", () => {
    const lines = [{ taskId: "flyt", contactTypeCode: null, closureCode: null }];
    expect(contactCombinations(screen, lines, sel({ taskId: "fejl", contactTypeCode: "FEJL", closureCode: "STRAKS" }))).toEqual({
      missing: ["type"],
    });
    expect(contactCombinations(screen, lines, sel({ taskId: "flyt", contactTypeCode: "INFO", closureCode: "STRAKS" }))).toEqual({
      error: "Flytning er allerede med i henvendelsen: hver opgave registreres én gang.",
    });
  });

  it("saves one task added with + and no second one as an ordinary registration", () => {
    const now = sel({ contactTypeCode: "VEJL", closureCode: "HOLD" });
    expect(singleSelection([], now)).toBe(now);
    expect(singleSelection([{ taskId: "flyt", contactTypeCode: null, closureCode: "STRAKS" }], now)).toEqual(
      sel({ taskId: "flyt", contactTypeCode: "VEJL", closureCode: "STRAKS" }),
    );
    expect(singleSelection([{ taskId: "flyt", contactTypeCode: null, closureCode: null }], sel({ taskId: "pas" }))).toBeNull();
  });

  it("describes a line waiting for the shared choices", () => {
    expect(describeLine(screen, { taskId: "flyt", contactTypeCode: null, closureCode: null })).toBe("Flytning · resten som de sidste valg");
    expect(describeLine(screen, { taskId: "pas", contactTypeCode: "INFO", closureCode: "VIDERE" })).toBe("Pas · Info · Stillet videre");
  });
});
