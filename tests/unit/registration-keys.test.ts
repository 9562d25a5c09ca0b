import { describe, expect, it } from "vitest";
import {
  choiceKeys,
  choiceKeySequence,
  COMMAND_KEYS,
  KEY_MORE,
  keyCap,
  LETTER_KEYS,
  resolveKey,
  SHORTCUT_HELP,
  SINGLE_KEYS,
  sequenceCap,
} from "@/lib/registrations/keys";

describe("the registration screen's choice keys (one definition)", () => {
  it("gives 1–9, then the letters, then P and a key, then P P and a key", () => {
    expect(choiceKeys(12)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "s", "d"]);
    const keys = choiceKeys(70);
    expect(keys[21]).toBe("n");
    expect(keys[22]).toBe("p1");
    expect(keys[31]).toBe("pa");
    expect(keys[43]).toBe("pn");
    expect(keys[44]).toBe("pp1");
    expect(choiceKeySequence(44)).toEqual(["p", "p", "1"]);
    expect(() => choiceKeySequence(-1)).toThrow(RangeError);
  });

  it("keeps a choice's key whatever the number of choices, so appending moves no key", () => {
    const long = choiceKeys(60);
    for (const n of [1, 9, 10, 22, 23, 24, 45]) expect(choiceKeys(n)).toEqual(long.slice(0, n));
  });

  it("gives every choice a different key, and no key is a prefix of another (two-key choices are never ambiguous)", () => {
    const keys = choiceKeys(100);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of keys) for (const b of keys) if (a !== b) expect(b.startsWith(a), `${a} is a prefix of ${b}`).toBe(false);
  });

  it("uses no key the screen has for something else: Fejl, favourites, Gentag, Fortryd, tid, søg", () => {
    const commands = new Set(COMMAND_KEYS.filter((k) => k !== KEY_MORE));
    for (const key of SINGLE_KEYS) expect(commands.has(key), key).toBe(false);
    expect(SINGLE_KEYS).not.toContain(KEY_MORE);
    expect(new Set(COMMAND_KEYS).size).toBe(COMMAND_KEYS.length);
    // Plain characters on a Danish keyboard, lower case as KeyboardEvent.key gives them without Shift.
    for (const key of SINGLE_KEYS) expect(key).toMatch(/^[1-9a-z]$/);
    expect(SINGLE_KEYS).toHaveLength(9 + LETTER_KEYS.length);
  });

  it("resolves typed keys: a choice, a prefix to wait on, or nothing", () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const keys = new Map(values.map((v, i) => [v, choiceKeys(30)[i]]));
    expect(resolveKey(keys, "", "3")).toEqual({ kind: "choose", value: "v2" });
    expect(resolveKey(keys, "", "S")).toEqual({ kind: "choose", value: "v10" });
    expect(resolveKey(keys, "", "p")).toEqual({ kind: "prefix", typed: "p" });
    expect(resolveKey(keys, "p", "2")).toEqual({ kind: "choose", value: "v23" });
    expect(resolveKey(keys, "p", "n")).toEqual({ kind: "none" }); // only 30 choices: P N is not one
    expect(resolveKey(keys, "", "g")).toEqual({ kind: "none" });
    const few = new Map([["a", "1"]]);
    expect(resolveKey(few, "", "p")).toEqual({ kind: "none" }); // no two-key choices: P does nothing
  });

  it("prints key caps as on the keyboard", () => {
    expect(sequenceCap("p1")).toBe("P 1");
    expect(sequenceCap("a")).toBe("A");
    expect(keyCap("Escape")).toBe("Esc");
  });

  it("the help page's rows are built from the same constants", () => {
    const letters = SHORTCUT_HELP.find((r) => r.action.includes("nr. 10"));
    expect(letters?.keys).toEqual(LETTER_KEYS.map((k) => k.toUpperCase()));
    expect(SHORTCUT_HELP.find((r) => r.keys[0] === "P")?.action).toContain("P 1 er nr. 23");
  });
});
