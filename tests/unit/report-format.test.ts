import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv } from "@/lib/exchange/csv";
import { parseReportFilters } from "@/lib/reports/filters";
import { exportValue, formatCell, formatShare, missingNotes, tableMatrix } from "@/lib/reports/format";
import type { ReportTable } from "@/lib/reports/types";
import { toXlsx } from "@/lib/reports/xlsx";

describe("Danish report formats", () => {
  it("writes shares, counts, kroner and points the Danish way, and – for missing", () => {
    expect(formatShare(0.812)).toBe("81,2\u00a0%");
    expect(formatShare(null)).toBe("–");
    expect(formatCell("count", 1234567)).toBe("1.234.567");
    expect(formatCell("kr", 2265)).toBe("2.265,00");
    expect(formatCell("points", -1.3)).toBe("−1,3");
    expect(formatCell("points", 50)).toBe("+50,0");
    expect(formatCell("share", null)).toBe("–");
  });
});

describe("CSV writer", () => {
  it("uses BOM, semicolons, CRLF and RFC 4180 quoting", () => {
    const csv = toCsv([
      ["Kanal", "Andel (%)"],
      ['Tlf; "ind"', 81.2],
      ["linje\nto", null],
    ]);
    expect(csv).toBe('\ufeffKanal;Andel (%)\r\n"Tlf; ""ind""";81,2\r\n"linje\nto";\r\n');
    expect(parseCsv(csv)).toEqual([
      ["Kanal", "Andel (%)"],
      ['Tlf; "ind"', "81,2"],
      ["linje\nto", ""],
    ]);
  });

  it("escapes text that a spreadsheet would run as a formula, but not numbers", () => {
    expect(["=SUM(A1)", "+1", "-x", "@cmd"].map(csvField)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@cmd"]);
    expect(csvField(-1.3)).toBe("-1,3");
  });

  it("exports a report table with shares as percent and the total row last", () => {
    const matrix = tableMatrix({
      id: "t",
      title: "T",
      caption: "T",
      columns: [
        { key: "label", label: "Opgave", kind: "text" },
        { key: "rate", label: "Grad", kind: "share", base: { n: "tx", counts: "transaktioner" } },
        { key: "tx", label: "n", kind: "count" },
      ],
      rows: [
        { label: "A", rate: 0.7549, tx: 53 },
        { label: "B", rate: null, tx: 0 },
      ],
      total: { label: "I alt", rate: 0.72, tx: 53 },
      bases: ["«Grad» er regnet af transaktioner."],
    });
    expect(matrix).toEqual([
      ["Opgave", "Grad (%)", "n"],
      ["A", 75.5, 53],
      ["B", null, 0],
      ["I alt", 72, 53],
      [],
      ["Grundlag: «Grad» er regnet af transaktioner."],
    ]);
  });

  it("numbers a row's own reason for a «–» after the columns' reasons, and writes it into the download", () => {
    const table: ReportTable = {
      id: "m",
      title: "M",
      caption: "M",
      columns: [
        { key: "code", label: "Opgave", kind: "text" },
        { key: "r0", label: "Forår", kind: "count" },
        { key: "r1", label: "Efterår", kind: "count" },
      ],
      rows: [
        { code: "A", r0: null, r1: null, "r1.missing": "ikke i pakken «P»" },
        { code: "B", r0: 3, "r0.missing": "ikke i pakken «Q»", r1: null, "r1.missing": "ikke i pakken «P»" },
      ],
      missing: { r0: "ingen transaktioner" },
    };
    const { notes, of } = missingNotes(table);
    expect(notes.map((x) => [x.n, x.column?.key ?? null, x.text])).toEqual([
      [1, "r0", "ingen transaktioner"],
      [2, null, "ikke i pakken «P»"],
    ]);
    expect(of(table.rows[0], table.columns[1])?.n).toBe(1);
    expect(of(table.rows[1], table.columns[2])?.n).toBe(2);
    expect(tableMatrix(table)).toEqual([
      ["Opgave", "Forår", "Efterår"],
      ["A", null, "– (1)"],
      ["B", 3, "– (1)"],
      [],
      ["(1) «–»: ikke i pakken «P»"],
    ]);
  });

  it("writes whole percents and points for KL's rounded tables", () => {
    expect(exportValue("share", 0.745, 0)).toBe(75);
    expect(formatCell("share", 0.745, 0)).toBe("75\u00a0%");
    expect(formatCell("points", 6, 0)).toBe("+6");
    expect(formatCell("share", 0.7449)).toBe("74,5\u00a0%");
  });
});

describe("XLSX writer", () => {
  it("writes a ZIP with the workbook parts and the cell values", () => {
    const file = toXlsx("Kanalfordeling", [
      ["Kanal", "Antal"],
      ["Telefon & <mail>", 12],
    ]);
    expect(file.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const text = file.toString("utf8");
    expect(text).toContain("xl/worksheets/sheet1.xml");
    expect(text).toContain("Telefon &amp; &lt;mail&gt;");
    expect(text).toContain("<v>12</v>");
  });
});

describe("report filters in the URL", () => {
  it("reads repeated and comma-separated lists and ignores empty values", () => {
    const f = parseReportFilters(new URLSearchParams("kanal=TLFIND,PRSNLG&kanal=SLVBTJN&runde=&kommune=259&udenfor=1"));
    expect(f).toMatchObject({ kanal: ["TLFIND", "PRSNLG", "SLVBTJN"], kommune: 259, udenfor: "1" });
    expect(f.runde).toBeUndefined();
  });

  it("refuses malformed values with a Danish message", () => {
    expect(() => parseReportFilters({ enhed: "not-a-uuid" })).toThrow(/Ugyldigt filter/);
    expect(() => parseReportFilters({ fra: "2026-11-01", til: "2026-10-01" })).toThrow(/Fra-datoen/);
    expect(() => parseReportFilters({ kilde: "FAX" })).toThrow(/Ugyldigt filter \(kilde.*\): Ukendt datakilde/);
  });

  it("reads every registration source, in any case (the command line's --source)", () => {
    const f = parseReportFilters({ kilde: "manual,unit_login,Legacy_Tracetool,LEGACY_LANDKORT,legacy_import,mass,upload,api" });
    expect(f.kilde).toEqual(["MANUAL", "UNIT_LOGIN", "LEGACY_TRACETOOL", "LEGACY_LANDKORT", "LEGACY_IMPORT", "MASS", "UPLOAD", "API"]);
  });
});
