import { describe, expect, it } from "vitest";
import { legacyToImportRow } from "@/lib/exchange/legacy-import";
import { formatLegacyDateTime, parseLegacyDateTime, parseLegacyExport, writeLegacyExport } from "@/lib/exchange/legacy-format";

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const FILE = latin1(
  "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;Er borgeren over eller under 65 år?;\r\n" +
    "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;21-10-2013 09:15:00;21-10-2013 09:14:00;21-10-2013 09:15:00;Tracetool;Over;\r\n" +
    "Køge;259;;15.20;WEB;;;;22-10-2013 00:00:00;;;DetDigitaleLandkort;;\r\n" +
    "Køge;259;koege_bs;27.24.04;PRSNLG;OPRET;HOLD;JA;27-10-2013 02:30:00;;;Tracetool;Under;\r\n",
);

describe("Det Digitale Landkort raw export", () => {
  it("reads ISO-8859-1 with æøå, the trailing ;, empty units and extra-question columns", async () => {
    const result = await parseLegacyExport(FILE);
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual(["Er borgeren over eller under 65 år?"]);
    expect(result.rows).toHaveLength(3);
    expect(result.rows[0]).toMatchObject({
      line: 2,
      municipalityName: "Køge",
      municipalityNumber: 259,
      unitLogin: "koege_bs",
      taskNumber: "23.05.10",
      channelCode: "TLFIND",
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
      dataSource: "Tracetool",
      answers: { "Er borgeren over eller under 65 år?": "Over" },
    });
    // 09:15 in Copenhagen in October 2013 is summer time (UTC+2).
    expect(result.rows[0].occurredAt.toISOString()).toBe("2013-10-21T07:15:00.000Z");
    expect(result.rows[1]).toMatchObject({ unitLogin: "", taskNumber: "15.20", contactTypeCode: null, answers: {} });
    expect(result.rows[2].form).toBe(true);
    // 27 October 2013, 02:30: the clocks went back that night; either reading is a valid instant.
    expect(formatLegacyDateTime(result.rows[2].occurredAt)).toBe("27-10-2013 02:30:00");
  });

  it("writes the same layout back byte for byte", async () => {
    const { questions, rows } = await parseLegacyExport(FILE);
    expect(Buffer.from(writeLegacyExport(questions, rows)).toString("latin1")).toBe(Buffer.from(FILE).toString("latin1"));
  });

  it("reports every bad line with its number and a Danish message", async () => {
    const bad = latin1(
      "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n" +
        "Køge;abc;x;23.05.10;TLFIND;;;;21-10-2013 09:15:00;;;Tracetool;\r\n" +
        "Køge;259;x;23.05.10;TLFIND;;;MÅSKE;21-10-2013 09:15:00;;;Tracetool;\r\n" +
        "Køge;259;x;23.05.10;TLFIND;;;;31-02-2013 09:15:00;;;Tracetool;\r\n" +
        "Køge;259;x;;TLFIND;;;;21-10-2013 09:15:00;;;Tracetool;\r\n",
    );
    expect((await parseLegacyExport(bad)).errors).toEqual([
      { line: 2, message: 'Kommunenummeret "abc" er ikke et tal.' },
      { line: 3, message: 'Blanket skal være JA, NEJ eller tom (fik "MÅSKE").' },
      { line: 4, message: 'Datoen "31-02-2013 09:15:00" findes ikke.' },
      { line: 5, message: "Opgave mangler." },
    ]);
  });

  it("keeps each row's Datakilde as its source (empty: not known), and refuses any other value with the line", async () => {
    const { rows } = await parseLegacyExport(FILE);
    expect(rows.map((r) => legacyToImportRow(r).source)).toEqual(["LEGACY_TRACETOOL", "LEGACY_LANDKORT", "LEGACY_TRACETOOL"]);
    const header = "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n";
    const other = await parseLegacyExport(
      latin1(
        header +
          "Køge;259;x;23.05.10;TLFIND;;;;21-10-2013 09:15:00;;;TRACETOOL;\r\n" +
          "Køge;259;x;23.05.10;TLFIND;;;;21-10-2013 09:15:00;;;Landkortet;\r\n" +
          "Køge;259;x;23.05.10;TLFIND;;;;21-10-2013 09:15:00;;;;\r\n",
      ),
    );
    // The old tool's two spellings in any case are read as those spellings; empty is "not known"
    // (what Spor writes for rows imported before it kept the source); anything else is an error.
    expect(other.rows.map((r) => [r.dataSource, legacyToImportRow(r).source])).toEqual([
      ["Tracetool", "LEGACY_TRACETOOL"],
      ["", "LEGACY_IMPORT"],
    ]);
    expect(other.errors).toEqual([
      { line: 3, message: 'Datakilde skal være Tracetool, DetDigitaleLandkort eller tom (fik "Landkortet").' },
    ]);
  });

  it("refuses a file whose header is not the raw export's", async () => {
    const result = await parseLegacyExport(latin1("KommuneID;Enhed;KLE Opgave kode\r\n"));
    expect(result.errors[0].line).toBe(1);
    expect(result.errors[0].message).toMatch(/Første linje skal være overskrifterne/);
  });

  it("parses and formats dates in Danish local time", () => {
    expect(parseLegacyDateTime("01-01-2015 00:00:00")?.toISOString()).toBe("2014-12-31T23:00:00.000Z");
    expect(parseLegacyDateTime("01-07-2015 12:00")?.toISOString()).toBe("2015-07-01T10:00:00.000Z");
    expect(parseLegacyDateTime("")).toBeNull();
    expect(() => parseLegacyDateTime("2015-07-01 12:00")).toThrow(/dd-mm-åååå/);
  });
});
