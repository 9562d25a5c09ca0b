import { describe, expect, it } from "vitest";
import { entryHint, hintStillApplies } from "@/lib/quality/entry-hints";

// Plausibility hints at entry: the cheap Datakvalitet rules, said at the moment of the choice.

const tasks = [
  { id: "flyt", number: "23.05.10", title: "Flytning", udbetalingDanmark: false },
  { id: "pension", number: "32.03.04", title: "Folkepension", udbetalingDanmark: true },
  { id: "fejl", number: "FEJL", title: "Fejlhenvendelse", udbetalingDanmark: false },
];
const none = { channelCode: "TLFIND", taskId: null, form: null };

describe("the hint at a fejlhenvendelse", () => {
  it("names the Udbetaling Danmark task chosen just before", () => {
    const hint = entryHint(tasks, { ...none, taskId: "pension" }, { ...none, taskId: "fejl" });
    expect(hint?.rule).toBe("fejl-udbetaling-danmark");
    expect(hint?.text).toContain("Folkepension (32.03.04) hører under Udbetaling Danmark");
  });

  it("reminds in general in a unit that counts such tasks, and says nothing in one that does not", () => {
    expect(entryHint(tasks, { ...none, taskId: "flyt" }, { ...none, taskId: "fejl" })?.text).toContain("Udbetaling Danmarks opgaver");
    const noUdk = tasks.map((t) => ({ ...t, udbetalingDanmark: false }));
    expect(entryHint(noUdk, none, { ...none, taskId: "fejl" })).toBeNull();
  });

  it("is said once, when Fejlhenvendelse is chosen, and goes when it is left", () => {
    const hint = entryHint(tasks, none, { ...none, taskId: "fejl" })!;
    expect(entryHint(tasks, { ...none, taskId: "fejl" }, { ...none, taskId: "fejl", form: false })).toBeNull();
    expect(hintStillApplies(hint, tasks, { ...none, taskId: "fejl" })).toBe(true);
    expect(hintStillApplies(hint, tasks, { ...none, taskId: "flyt" })).toBe(false);
  });
});

describe("the hint at a form on a channel that rarely carries one", () => {
  it("uses the Datakvalitet rule's channels (SMS, chat, social media)", () => {
    expect(entryHint(tasks, { ...none, channelCode: "CHATIND" }, { ...none, channelCode: "CHATIND", form: true })?.rule).toBe("rare-form");
    expect(entryHint(tasks, { ...none, channelCode: "PRSNLG" }, { ...none, channelCode: "PRSNLG", form: true })).toBeNull();
    expect(entryHint(tasks, { ...none, channelCode: "SMSIND" }, { ...none, channelCode: "SMSIND", form: false })).toBeNull();
  });
});
