import { describe, expect, it } from "vitest";
import { keysFor, taskKeys } from "@/components/registration/keys";
import { EMPTY_SELECTION, enterTarget, missingMessage, type ScreenData } from "@/components/registration/model";

// The screen applies the one key definition to its steps in the unit's order.

const task = (number: string, i: number) => ({ id: `t${i}`, number, title: `Opgave ${i}`, level: "EMNE" as const });
const screen = {
  channels: [
    { code: "TLFUD", name: "Telefon", direction: "OUT", asksForm: false },
    { code: "PRSNLG", name: "Personligt fremmøde", direction: "IN", asksForm: true },
    { code: "EMLUD", name: "E-mail", direction: "OUT", asksForm: true },
  ],
  tasks: [task("FEJL", 99), ...Array.from({ length: 24 }, (_, i) => task(`23.05.${String(i).padStart(2, "0")}`, i))],
  contactTypes: [],
  closures: [],
  questions: [
    { id: "q1", text: "Kunne henvendelsen være klaret digitalt?", required: true, options: [] },
    { id: "q2", text: "Var det en klage?", required: false, options: [] },
  ],
} as unknown as ScreenData;

describe("the registration screen's keys", () => {
  it("gives channels keys inbound first, each in the unit's order", () => {
    expect([...keysFor(screen, "channel")]).toEqual([
      ["PRSNLG", "1"],
      ["TLFUD", "2"],
      ["EMLUD", "3"],
    ]);
  });

  it("gives every task a key in the unit's order (24 tasks: 1–9, 13 letters, P 1, P 2) and Fejlhenvendelse 0", () => {
    const keys = taskKeys(screen.tasks);
    expect(keys.get("t0")).toBe("1");
    expect(keys.get("t9")).toBe("a");
    expect(keys.get("t21")).toBe("n");
    expect(keys.get("t22")).toBe("p1");
    expect(keys.get("t23")).toBe("p2");
    expect(keys.get("t99")).toBe("0");
    expect(new Set(keys.values()).size).toBe(25);
  });
});

describe("the message when something is missing", () => {
  it("names the steps and the required question", () => {
    expect(missingMessage(screen, ["task", "type"])).toBe("Vælg opgave og type før du gemmer.");
    expect(missingMessage(screen, ["task", "q:q1"])).toBe(
      "Vælg opgave, og besvar »Kunne henvendelsen være klaret digitalt?« før du gemmer.",
    );
    expect(missingMessage(screen, ["q:q1"])).toBe("Besvar »Kunne henvendelsen være klaret digitalt?« før du gemmer.");
  });
});

describe("Enter in an optional question", () => {
  const withOptional = {
    ...screen,
    questions: [
      { id: "a", text: "A?", required: false, options: [] },
      { id: "r", text: "R?", required: true, options: [] },
      { id: "b", text: "B?", required: false, options: [] },
      { id: "c", text: "C?", required: false, options: [] },
    ],
  } as unknown as ScreenData;

  it("moves on to the next unanswered optional question, and saves from the last one", () => {
    expect(enterTarget(withOptional, EMPTY_SELECTION, "q:a")).toBe("q:b");
    expect(enterTarget(withOptional, EMPTY_SELECTION, "q:b")).toBe("q:c");
    expect(enterTarget(withOptional, EMPTY_SELECTION, "q:c")).toBeNull();
    // An answered one is passed over; from any other step Enter saves.
    expect(enterTarget(withOptional, { ...EMPTY_SELECTION, answers: { b: "x" } }, "q:a")).toBe("q:c");
    expect(enterTarget(withOptional, EMPTY_SELECTION, "closure")).toBeNull();
    expect(enterTarget(withOptional, EMPTY_SELECTION, null)).toBeNull();
  });
});
