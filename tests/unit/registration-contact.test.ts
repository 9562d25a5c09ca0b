import { describe, expect, it } from "vitest";
import {
  addLine,
  contactCombinations,
  describeLine,
  listedContact,
  nextTask,
  summariseContact,
  taskCount,
} from "@/components/registration/contact";
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
    expect(contactCombinations(screen, [{ taskId: "flyt", contactTypeCode: null, closureCode: "STRAKS" }], now)).toEqual({
      combinations: [{ channelCode: "TLFIND", taskId: "flyt", contactTypeCode: "VEJL", closureCode: "STRAKS", form: null, answers: {} }],
    });
    expect(contactCombinations(screen, [{ taskId: "flyt", contactTypeCode: null, closureCode: null }], sel({ taskId: "pas" }))).toEqual({
      missing: ["type", "closure"],
    });
  });

  it("describes a line waiting for the shared choices", () => {
    expect(describeLine(screen, { taskId: "flyt", contactTypeCode: null, closureCode: null })).toBe("Flytning · resten som de sidste valg");
    expect(describeLine(screen, { taskId: "pas", contactTypeCode: "INFO", closureCode: "VIDERE" })).toBe("Pas · Info · Stillet videre");
  });
});

// Gentag or a favourite pressed while tasks are listed: the list is saved first, as its own contact
// (components/registration/use-contact-lines.ts), never dropped.
describe("what Gentag and favourites save first when tasks are listed", () => {
  const shared = { contactTypeCode: null, closureCode: null };
  const combination = (taskId: string, contactTypeCode: string, closureCode: string) => ({
    channelCode: "TLFIND",
    taskId,
    contactTypeCode,
    closureCode,
    form: null,
    answers: {},
  });

  it("saves nothing first when no task is listed", () => {
    expect(listedContact(screen, [], sel({ taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" }))).toBeNull();
  });

  it("takes the task being chosen along when it completes the contact, as Gem would", () => {
    const lines = [{ taskId: "flyt", ...shared }];
    expect(listedContact(screen, lines, sel({ taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" }))).toEqual({
      combinations: [combination("flyt", "INFO", "STRAKS"), combination("pas", "INFO", "STRAKS")],
      keepsChosen: false,
    });
    // Two listed tasks and the shared choices made, no third task chosen.
    const two = [...lines, { taskId: "pas", ...shared }];
    expect(listedContact(screen, two, sel({ contactTypeCode: "VEJL", closureCode: "HOLD" }))).toEqual({
      combinations: [combination("flyt", "VEJL", "HOLD"), combination("pas", "VEJL", "HOLD")],
      keepsChosen: false,
    });
  });

  it("saves the listed tasks alone and leaves an incomplete or repeated task being chosen in the form", () => {
    const lines = [
      { taskId: "flyt", contactTypeCode: "OPRET", closureCode: "VIDERE" },
      { taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" },
    ];
    const listed = [combination("flyt", "OPRET", "VIDERE"), combination("pas", "INFO", "STRAKS")];
    expect(listedContact(screen, lines, sel({ taskId: "kort", contactTypeCode: "INFO" }))).toEqual({
      combinations: listed,
      keepsChosen: true,
    });
    expect(listedContact(screen, lines, sel({ taskId: "pas", contactTypeCode: "INFO", closureCode: "STRAKS" }))).toEqual({
      combinations: listed,
      keepsChosen: true,
    });
  });

  it("keeps a list that still lacks its shared choices, and names what is missing", () => {
    const lines = [
      { taskId: "flyt", ...shared },
      { taskId: "pas", ...shared },
    ];
    expect(listedContact(screen, lines, sel({}))).toEqual({ missing: ["type", "closure"] });
    expect(listedContact(screen, lines, sel({ taskId: "kort", contactTypeCode: "INFO" }))).toEqual({ missing: ["closure"] });
    const visit = sel({ channelCode: "PRSNLG", contactTypeCode: "INFO", closureCode: "STRAKS" });
    expect(listedContact(screen, lines, visit)).toEqual({ missing: ["form"] });
  });

  it("counts tasks in Danish", () => {
    expect([taskCount(1), taskCount(3)]).toEqual(["1 opgave", "3 opgaver"]);
  });
});
