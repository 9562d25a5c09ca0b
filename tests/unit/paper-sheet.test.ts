import { describe, expect, it } from "vitest";
import {
  cellCount,
  cellField,
  readSheet,
  rowClosureField,
  rowTypeField,
  type SheetLayout,
  sheetLayout,
  sheetSummary,
  sheetTotals,
} from "@/lib/exchange/paper-sheet";
import { isStaffChannel } from "@/lib/reference/codes";

const ch = (code: string, name: string, direction: "IN" | "OUT" = "IN") => ({ code, name, direction });
const PAS = { id: "t-pas", number: "23.09.02", title: "Pas" };
const FLYT = { id: "t-flyt", number: "23.05.10", title: "Flytning" };
const FEJL = { id: "t-fejl", number: "FEJL", title: "Fejlhenvendelse" };
const layout = (withTypes = false): SheetLayout =>
  sheetLayout(
    { channels: [ch("TLFUD", "Telefon", "OUT"), ch("PRSNLG", "Personligt fremmøde"), ch("TLFIND", "Telefon")], tasks: [FEJL, PAS, FLYT] },
    withTypes,
  );
const defaults = { defaultType: "VEJL", defaultClosure: "STRAKS" };

describe("the sheet's layout", () => {
  it("leaves out self-service, web visits and machine channels; inbound first; Fejlhenvendelse last", () => {
    const l = sheetLayout(
      {
        channels: [
          ch("SLVBTJN", "Selvbetjening"),
          ch("WEB", "Besøg på hjemmeside"),
          ch("SYSIND", "Systemhenvendelse"),
          ch("MGRUD", "Output manager", "OUT"),
          ch("EMLUD", "E-mail", "OUT"),
          ch("EMLIND", "E-mail"),
        ],
        tasks: [FEJL, PAS],
      },
      false,
    );
    expect(l.channels.map((c) => c.code)).toEqual(["EMLIND", "EMLUD"]);
    expect(l.tasks.map((t) => t.number)).toEqual(["23.09.02", "FEJL"]);
    expect(["BRGDK", "NEMREF", "FPRNT", "SYSECOIND", "SYSECOUD", "SYSMEDIND"].some(isStaffChannel)).toBe(false);
    expect(["PRSNLG", "TLFIND", "DOKUD", "SMSIND", "CHATIND", "SOMEUD"].every(isStaffChannel)).toBe(true);
  });
});

describe("reading a keyed sheet", () => {
  it("empty is 0, digits only, at most 9,999", () => {
    expect([cellCount(""), cellCount(" 7 "), cellCount("9999")]).toEqual([0, 7, 9999]);
    expect([cellCount("10000"), cellCount("-1"), cellCount("3a"), cellCount("1,5")]).toEqual([null, null, null, null]);
  });

  it("makes one row per cell with a count, with the defaults for type and closure and FEJL's own type", () => {
    const values = {
      ...defaults,
      [cellField(PAS.id, "PRSNLG")]: "12",
      [cellField(PAS.id, "TLFUD")]: "3",
      [cellField(FEJL.id, "TLFIND")]: "2",
      [cellField(FLYT.id, "TLFIND")]: "0",
    };
    const { rows, problems } = readSheet(layout(), values);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { taskId: PAS.id, taskNumber: "23.09.02", channelCode: "PRSNLG", contactTypeCode: "VEJL", closureCode: "STRAKS", quantity: 12 },
      { taskId: PAS.id, taskNumber: "23.09.02", channelCode: "TLFUD", contactTypeCode: "VEJL", closureCode: "STRAKS", quantity: 3 },
      { taskId: FEJL.id, taskNumber: "FEJL", channelCode: "TLFIND", contactTypeCode: "FEJL", closureCode: "STRAKS", quantity: 2 },
    ]);
    expect(sheetSummary(rows).text).toBe("3 registreringer med i alt 17 henvendelser");
  });

  it("a row's own type and closure win over the defaults when the sheet has those columns", () => {
    const values = {
      ...defaults,
      [cellField(PAS.id, "PRSNLG")]: "4",
      [rowTypeField(PAS.id)]: "OPRET",
      [rowClosureField(PAS.id)]: "HOLD",
      [cellField(FLYT.id, "PRSNLG")]: "1",
    };
    const { rows } = readSheet(layout(true), values);
    expect(rows.map((r) => [r.taskNumber, r.contactTypeCode, r.closureCode])).toEqual([
      ["23.09.02", "OPRET", "HOLD"],
      ["23.05.10", "VEJL", "STRAKS"],
    ]);
    // Without those columns, a row's type is not read.
    expect(readSheet(layout(false), values).rows[0].contactTypeCode).toBe("VEJL");
  });

  it("names every wrong cell in Danish, and a missing default only when a row needs it", () => {
    const { rows, problems } = readSheet(layout(), {
      [cellField(PAS.id, "PRSNLG")]: "1x",
      [cellField(FLYT.id, "TLFUD")]: "12000",
      [cellField(FLYT.id, "TLFIND")]: "2",
    });
    expect(problems.map((p) => p.message)).toEqual([
      "Pas (23.09.02), Personligt fremmøde (ind): skriv et helt tal fra 0 til 9.999, eller lad feltet stå tomt.",
      "Flytning (23.05.10), Telefon (ud): skriv et helt tal fra 0 til 9.999, eller lad feltet stå tomt.",
      "Vælg den type, rækker uden type får.",
      "Vælg den afslutning, rækker uden afslutning får.",
    ]);
    expect(problems[0].field).toBe(cellField(PAS.id, "PRSNLG"));
    expect(rows).toHaveLength(1);
    // Only Fejlhenvendelse counted: it needs no default type, but a closure.
    expect(readSheet(layout(), { [cellField(FEJL.id, "TLFIND")]: "1" }).problems.map((p) => p.field)).toEqual(["defaultClosure"]);
    expect(
      readSheet(layout(true), { ...defaults, [cellField(PAS.id, "TLFIND")]: "1", [rowTypeField(PAS.id)]: "FEJL" }).problems[0].message,
    ).toBe("Pas (23.09.02): ukendt type.");
  });

  it("refuses an empty sheet", () => {
    expect(readSheet(layout(), defaults).problems.map((p) => p.message)).toEqual(["Skemaet er tomt: skriv mindst ét antal."]);
  });

  it("totals per row and column, counting what is not a count as 0", () => {
    const values = {
      [cellField(PAS.id, "PRSNLG")]: "5",
      [cellField(PAS.id, "TLFIND")]: "x",
      [cellField(FLYT.id, "PRSNLG")]: "2",
      [cellField(FLYT.id, "TLFUD")]: "10",
    };
    // Columns: PRSNLG, TLFIND, TLFUD; rows: Pas, Flytning, Fejlhenvendelse.
    expect(sheetTotals(layout(), values)).toEqual({ rows: [5, 12, 0], columns: [7, 0, 10], total: 17 });
  });
});
