import { describe, expect, it } from "vitest";
import { csvLineWriter, type ExportRow, type ExportSetup, legacyLineWriter } from "@/lib/exchange/export-lines";
import { MUNICIPALITY_LEVEL_LOGIN } from "@/lib/exchange/import-rows";

// The per-row writers behind the streaming export: free-text cells escaped (CSV) or cleaned (old
// layout) even though each distinct value is escaped only once and then looked up.

const setup: ExportSetup = {
  municipalities: new Map([["259", "Køge; Kommune"]]),
  units: new Map([
    ["u1", { path: "=Borgerservice / Skranke", legacyLogin: "koege_bs" }],
    ["u2", { path: "Hele kommunen (uden enhed)", legacyLogin: MUNICIPALITY_LEVEL_LOGIN }],
  ]),
  tasks: new Map([["t1", { number: "23.05.10", title: 'Flytning; "anmeldelse"' }]]),
  questions: [
    { id: "q1", text: "Alder" },
    { id: "q2", text: "Kilde" },
  ],
};
const ready = "TLFIND;ind;INFO;STRAKS;;2;2026-10-19;09:15:00;2026;43;UPLOAD;JA;;;r1";
const row = (unit: string, quantity = "1"): ExportRow => ["259", unit, "t1", ready, quantity, "r1"];
const answers = new Map([["r1", new Map([["q2", "+45 avis"]])]]);

describe("export lines", () => {
  it("quotes and formula-escapes free text in Spor's CSV, and writes answers as columns", () => {
    const write = csvLineWriter(setup);
    const line = `"Køge; Kommune";'=Borgerservice / Skranke;23.05.10;"Flytning; ""anmeldelse""";${ready};;'+45 avis\r\n`;
    expect(write(row("u1"), answers)).toBe(`259;${line}`);
    // The second time comes from the cache and is the same.
    expect(write(row("u1"), answers)).toBe(`259;${line}`);
  });

  it("writes the old layout without quoting, once per contact, with an empty unit for the municipality level", () => {
    const write = legacyLineWriter(setup);
    // The answer "+45 avis" is formula-escaped like in every Spor file.
    expect(write(row("u1", "2"), answers)).toBe(`Køge  Kommune;259;koege_bs;23.05.10;${ready};;'+45 avis;\r\n`.repeat(2));
    expect(write(row("u2"), new Map())).toBe(`Køge  Kommune;259;;23.05.10;${ready};;;\r\n`);
  });
});
