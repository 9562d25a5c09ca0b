import { describe, expect, it } from "vitest";
import { readUserList } from "@/lib/users/import";
import { DEFAULT_CHANNELS, normaliseName, UNIT_KINDS } from "@/lib/units/default-channels";
import { firstWeekRule } from "@/lib/counting/weeks";
import { generateUnitPassword } from "@/lib/units/unit-login";
import { CHANNELS } from "@/lib/reference/codes";

describe("the user list's CSV (through the one CSV reader)", () => {
  it("detects ; , or tab, handles quotes, CRLF, BOM and blank lines, and keeps line numbers", async () => {
    expect(await readUserList("\uFEFFa;b\r\n1;2\r\n\r\n3;4")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 4, cells: ["3", "4"] },
    ]);
    expect(await readUserList('a,b\n"x, y","say ""hi"""\n')).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'say "hi"'] },
    ]);
    expect((await readUserList("a\tb\n1\t2"))[1].cells).toEqual(["1", "2"]);
    // A quoted line break: the next record still gets its real line number.
    expect((await readUserList('a;b\n"1\n1";2\n3;4')).map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("reads Excel's Windows-1252 lists with æøå (they were read as UTF-8 before and lost them)", async () => {
    const bytes = Uint8Array.from("Navn;E-mail\r\nSøren Ærø;s@x.dk\r\n", (c) => c.charCodeAt(0));
    expect((await readUserList(bytes))[1].cells).toEqual(["Søren Ærø", "s@x.dk"]);
  });
});

describe("defaults", () => {
  it("gives every kind of unit known channels, never telephone-less citizen service", () => {
    const codes = new Set(CHANNELS.map((c) => c.code));
    for (const kind of UNIT_KINDS) {
      expect(DEFAULT_CHANNELS[kind].length).toBeGreaterThan(3);
      expect(DEFAULT_CHANNELS[kind].every((c) => codes.has(c))).toBe(true);
    }
    expect(DEFAULT_CHANNELS.CITIZEN_SERVICE).toEqual(expect.arrayContaining(["PRSNLG", "TLFIND", "SLVBTJN"]));
  });

  it("compares unit names without case or extra spaces", () => {
    expect(normaliseName("  Borgerservice   –  SKRANKE ")).toBe(normaliseName("borgerservice – skranke"));
    expect(normaliseName("Ærø")).toBe("ærø");
  });

  it("explains the first-week rule", () => {
    expect(firstWeekRule({ isoYear: 2013, isoWeek: 43 })).toMatch(/^Uge 43 skal være med\./);
  });

  it("makes unit passwords that are long, random and easy to read", () => {
    const a = generateUnitPassword();
    expect(a).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(Array.from({ length: 50 }, generateUnitPassword)).size).toBe(50);
  });
});
