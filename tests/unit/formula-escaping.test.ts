import { describe, expect, it } from "vitest";
import { csvField, escapeFormula, looksLikeFormula, parseCsv, toCsv, unescapeFormula } from "@/lib/exchange/csv";
import { csvLineWriter, type ExportRow, type ExportSetup, legacyLineWriter } from "@/lib/exchange/export-lines";
import { legacyCell, parseLegacyExport, writeLegacyExport } from "@/lib/exchange/legacy-format";
import { uploadTemplateExample } from "@/lib/exchange/upload-rows";
import { tableMatrix } from "@/lib/reports/format";
import { toXlsx } from "@/lib/reports/xlsx";

// One rule for every file Spor hands out (docs/formats.md, "Formula escaping"): text a spreadsheet
// would run as a formula gets a leading apostrophe. Each writer is checked on its own here.

const DANGEROUS = ['=HYPERLINK("http://x.test";"klik")', "+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"];
const HARMLESS = ["Borgerservice", "23.05.10", "'allerede", " =mellemrum", "a=b", "Køge – Skranke"];

describe("escapeFormula, the one rule", () => {
  it("prefixes an apostrophe to text starting with = + - @ tab or CR, and leaves the rest alone", () => {
    expect(DANGEROUS.map(escapeFormula)).toEqual(DANGEROUS.map((t) => `'${t}`));
    expect(HARMLESS.map(escapeFormula)).toEqual(HARMLESS);
    expect(DANGEROUS.every(looksLikeFormula)).toBe(true);
    expect(HARMLESS.some(looksLikeFormula)).toBe(false);
  });

  it("is undone only for what it escaped", () => {
    for (const t of [...DANGEROUS, ...HARMLESS]) expect(unescapeFormula(escapeFormula(t))).toBe(t);
    expect(unescapeFormula("'allerede")).toBe("'allerede");
  });
});

describe("Spor's CSV writer", () => {
  it("escapes text cells but never numbers", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("-x;y")).toBe('"\'-x;y"');
    expect(csvField(-3)).toBe("-3");
    expect(parseCsv(toCsv([["+1", -1]]))).toEqual([["'+1", "-1"]]);
  });
});

const setup: ExportSetup = {
  municipalities: new Map([["259", "Køge"]]),
  units: new Map([["u1", { path: '=HYPERLINK("http://x.test")', legacyLogin: "@login" }]]),
  tasks: new Map([["t1", { number: "23.05.10", title: "-Flytning" }]]),
  questions: [{ id: "q1", text: "=Spørgsmål" }],
};
const ready = "TLFIND;ind;INFO;STRAKS;;1;2026-10-19;09:15:00;2026;43;MANUAL;JA;;;r1";
const row: ExportRow = ["259", "u1", "t1", ready, "1", "r1"];
const answers = new Map([["r1", new Map([["q1", "+1"]])]]);

describe("registration export lines", () => {
  it("escapes unit, task title and answers in Spor's CSV", () => {
    const cells = parseCsv(csvLineWriter(setup)(row, answers))[0];
    expect(cells[2]).toBe('\'=HYPERLINK("http://x.test")');
    expect(cells[4]).toBe("'-Flytning");
    expect(cells.at(-1)).toBe("'+1");
  });

  it("escapes unit and answers in the old layout too", () => {
    const cells = legacyLineWriter(setup)(row, answers)
      .replace(/;\r\n$/, "")
      .split(";");
    expect(cells[2]).toBe("'@login");
    expect(cells.at(-1)).toBe("'+1");
  });
});

describe("the old raw-export layout", () => {
  it("cleans separators first and escapes what then starts a cell, headers included", async () => {
    expect(legacyCell("=a;b")).toBe("'=a b");
    expect(legacyCell("\r=x")).toBe(" =x");
    expect(legacyCell("\t=x")).toBe("'\t=x");
    const bytes = writeLegacyExport(
      ["=Alder"],
      [
        {
          municipalityName: "Køge",
          municipalityNumber: 259,
          unitLogin: '=HYPERLINK("http://x.test")',
          taskNumber: "23.05.10",
          channelCode: "TLFIND",
          contactTypeCode: null,
          closureCode: null,
          form: null,
          occurredAt: new Date("2013-10-21T07:15:00Z"),
          startedAt: null,
          endedAt: null,
          dataSource: "Tracetool",
          answers: { "=Alder": "+1" },
        },
      ],
    );
    const lines = Buffer.from(bytes).toString("latin1").split("\r\n");
    expect(lines[0].endsWith(";'=Alder;")).toBe(true);
    expect(lines[1]).toBe("Køge;259;'=HYPERLINK(\"http://x.test\");23.05.10;TLFIND;;;;21-10-2013 09:15:00;;;Tracetool;'+1;");
    // Spor reads its own escaped file back as it was.
    const parsed = await parseLegacyExport(bytes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions).toEqual(["=Alder"]);
    expect(parsed.rows[0]).toMatchObject({ unitLogin: '=HYPERLINK("http://x.test")', answers: { "=Alder": "+1" } });
  });
});

describe("report downloads", () => {
  const table = {
    id: "t",
    title: "T",
    caption: "T",
    columns: [
      { key: "label", label: "Enhed", kind: "text" as const },
      { key: "change", label: "Ændring", kind: "points" as const },
    ],
    rows: [{ label: '=HYPERLINK("http://x.test")', change: -1.5 }],
  };

  it("CSV: text escaped, numbers not", () => {
    expect(parseCsv(toCsv(tableMatrix(table)))[1]).toEqual(['\'=HYPERLINK("http://x.test")', "-1,5"]);
  });

  it("XLSX: text is an escaped inline string, never a formula; numbers stay numbers", () => {
    const sheet = toXlsx("=Ark", tableMatrix(table)).toString("utf8");
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">\'=HYPERLINK(&quot;http://x.test&quot;)</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>-1.5</v></c>');
    expect(sheet).not.toMatch(/<f>|<f /);
  });
});

describe("upload template", () => {
  it("is written by the CSV writer and unchanged by it", () => {
    const text = uploadTemplateExample();
    expect(text).toBe(
      "\ufeffkommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n" +
        "259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;2026-10-19;412\r\n" +
        "259;Borgerservice;23.05.10;WEB;;;;2026-10-19;1800\r\n",
    );
  });
});
