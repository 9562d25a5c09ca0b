import { describe, expect, it } from "vitest";
import { danishDay, decodeDraft, draftKey, encodeDraft } from "@/components/registration/contact-draft";
import { EMPTY_SELECTION, type ScreenData, type Selection } from "@/components/registration/model";

// A contact with tasks on its list, not saved yet, survives leaving the registration screen: it is
// stored per user and unit for the day it was begun and put back as far as the screen still offers it.

const task = (id: string, number: string, title: string) => ({ id, number, title, level: "EMNE" as const, udbetalingDanmark: false });
const screen = {
  unit: { id: "u", name: "Skranke", testMode: false, timeMeasurement: false },
  channels: [
    { code: "TLFIND", name: "Telefon", direction: "IN", asksForm: false },
    { code: "PRSNLG", name: "Personligt fremmøde", direction: "IN", asksForm: true },
  ],
  tasks: [task("flyt", "23.05.10", "Flytning"), task("pas", "23.09.02", "Pas"), task("kort", "23.09.04", "Kørekort")],
  contactTypes: [{ code: "INFO" }, { code: "VEJL" }],
  closures: [{ code: "STRAKS" }, { code: "VIDERE" }],
  questions: [{ id: "q1", text: "Tolk?", required: false, options: [{ id: "ja" }, { id: "nej" }] }],
} as unknown as ScreenData;

// 23:30 in Copenhagen on 7 December (UTC+1), and the next day 10 minutes later.
const evening = new Date("2026-12-07T22:30:00Z");
const afterMidnight = new Date("2026-12-07T23:10:00Z");

const lines = [
  { taskId: "flyt", contactTypeCode: "INFO", closureCode: "VIDERE" },
  { taskId: "pas", contactTypeCode: null, closureCode: null },
];
const selection: Selection = {
  ...EMPTY_SELECTION,
  channelCode: "PRSNLG",
  taskId: "kort",
  contactTypeCode: "VEJL",
  form: true,
  answers: { q1: "ja" },
};

describe("a contact's draft", () => {
  it("is kept per user and unit, and only while the list has tasks", () => {
    expect(draftKey("user-1", "unit-1")).not.toBe(draftKey("user-1", "unit-2"));
    expect(draftKey("user-1", "unit-1")).not.toBe(draftKey("user-2", "unit-1"));
    expect(encodeDraft([], selection, evening)).toBeNull();
  });

  it("comes back as it was on the same Danish day", () => {
    expect(danishDay(evening)).toBe("2026-12-07");
    expect(decodeDraft(screen, encodeDraft(lines, selection, evening), evening)).toEqual({ lines, selection });
  });

  it("is not offered on another day: it would be counted on the day it is saved", () => {
    expect(danishDay(afterMidnight)).toBe("2026-12-08");
    expect(decodeDraft(screen, encodeDraft(lines, selection, evening), afterMidnight)).toBeNull();
  });

  it("leaves out what the unit no longer offers, and is no draft when none of its tasks is left", () => {
    const changed = {
      ...screen,
      channels: [screen.channels[0]],
      tasks: [screen.tasks[1]],
      questions: [{ ...screen.questions[0], options: [{ id: "nej" }] }],
    } as unknown as ScreenData;
    expect(decodeDraft(changed, encodeDraft(lines, selection, evening), evening)).toEqual({
      lines: [{ taskId: "pas", contactTypeCode: null, closureCode: null }],
      selection: { ...selection, channelCode: null, taskId: null, answers: {} },
    });
    const gone = { ...screen, tasks: [screen.tasks[2]] } as unknown as ScreenData;
    expect(decodeDraft(gone, encodeDraft(lines, { ...selection, taskId: null }, evening), evening)).toBeNull();
  });

  it("is nothing when it cannot be read, and never a task twice", () => {
    expect(decodeDraft(screen, null, evening)).toBeNull();
    expect(decodeDraft(screen, "{not json", evening)).toBeNull();
    expect(decodeDraft(screen, JSON.stringify({ day: "2026-12-07", lines: "x", selection: {} }), evening)).toBeNull();
    const twice = JSON.stringify({ day: "2026-12-07", lines: [lines[0], lines[0]], selection: { ...selection, taskId: "flyt" } });
    expect(decodeDraft(screen, twice, evening)).toEqual({
      lines: [lines[0]],
      selection: { ...selection, taskId: null },
    });
  });

  it("drops codes the screen does not know", () => {
    const odd = JSON.stringify({
      day: "2026-12-07",
      lines: [{ taskId: "flyt", contactTypeCode: "NOPE", closureCode: 7 }],
      selection: { channelCode: "FAX", taskId: null, contactTypeCode: "INFO", closureCode: "STRAKS", form: "ja", answers: { q1: "maybe" } },
    });
    expect(decodeDraft(screen, odd, evening)).toEqual({
      lines: [{ taskId: "flyt", contactTypeCode: null, closureCode: null }],
      selection: { ...EMPTY_SELECTION, contactTypeCode: "INFO", closureCode: "STRAKS" },
    });
  });
});
