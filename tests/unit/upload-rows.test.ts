import { describe, expect, it } from "vitest";
import { parseUpload, uploadTemplateExample } from "@/lib/exchange/upload-rows";

const NOW = new Date("2026-11-22T12:00:00Z");
const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1252 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe("upload templates", async () => {
  it("reads the old TraceTool template with NULLs, comma-separated, in Windows-1252", async () => {
    const file = cp1252(
      "KommuneID,Enhed,KLE Opgave kode,Henvendelses Kanal,Henvendelses type,Afslutning,Blanket,Dato\r\n" +
        "259,Borgerservice Køge,23.05.10,BRGDK,NULL,NULL,NULL,21-10-2013 00:00\r\n",
    );
    const result = await parseUpload(file, NOW);
    expect(result).toMatchObject({ layout: "old", encoding: "windows-1252", errors: [] });
    expect(result.rows[0]).toMatchObject({
      line: 2,
      unit: "Borgerservice Køge",
      channelCode: "BRGDK",
      contactTypeCode: null,
      closureCode: null,
      form: null,
      quantity: 1,
    });
    expect(result.rows[0].occurredAt.toISOString()).toBe("2013-10-20T22:00:00.000Z");
  });

  it("reads Spor's own example file", async () => {
    const result = await parseUpload(utf8(uploadTemplateExample()), NOW);
    expect(result.layout).toBe("spor");
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.quantity)).toEqual([412, 1800]);
  });

  it("lists every bad row with its line and a Danish message", async () => {
    const file = utf8(
      "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n" +
        "259;Borgerservice;23.05.10;FAX;;;;2026-10-19;1\r\n" +
        "259;Borgerservice;flytning;WEB;;;;2026-10-19;1\r\n" +
        "259;;23.05.10;WEB;;;;2026-10-19;1\r\n" +
        "259;Borgerservice;23.05.10;WEB;SNAK;;;2026-10-19;1\r\n" +
        "259;Borgerservice;23.05.10;WEB;;;MÅSKE;2026-10-19;1\r\n" +
        "259;Borgerservice;23.05.10;WEB;;;;2031-01-01;1\r\n" +
        "259;Borgerservice;23.05.10;WEB;;;;2026-10-19;0\r\n" +
        "259;Borgerservice;23.05.10;WEB;;;;2026-10-19;2,5\r\n" +
        "259;Borgerservice;23.05.10;TLFIN;;;;2026-10-19;1\r\n" +
        "259;Borgerservice;23.05.10;TLFIND;OPRT;;;2026-10-19;1\r\n" +
        "259;Borgerservice;23.05.10;TLFIND;OPRET;STARKS;;2026-10-19;1\r\n",
    );
    expect((await parseUpload(file, NOW)).errors).toEqual([
      { line: 2, message: 'Kanalen "FAX" findes ikke.' },
      { line: 3, message: 'Opgaven "flytning" er ikke et KLE-nummer (xx.xx.xx eller xx.xx).' },
      { line: 4, message: "Enhed mangler." },
      { line: 5, message: 'Henvendelsestypen "SNAK" findes ikke.' },
      { line: 6, message: 'Blanket skal være JA, NEJ eller tom (fik "MÅSKE").' },
      { line: 7, message: 'Datoen "2031-01-01" ligger uden for 2010 til i dag.' },
      { line: 8, message: 'Antal skal være et helt tal fra 1 til 1.000.000 (fik "0").' },
      { line: 9, message: 'Antal skal være et helt tal fra 1 til 1.000.000 (fik "2,5").' },
      { line: 10, message: 'Kanalen "TLFIN" findes ikke. Mente du "TLFIND" (Telefon ind)?' },
      { line: 11, message: 'Henvendelsestypen "OPRT" findes ikke. Mente du "OPRET" (Oprettelse af ny sag)?' },
      { line: 12, message: 'Afslutningen "STARKS" findes ikke. Mente du "STRAKS" (Straksafsluttet)?' },
    ]);
  });

  it("refuses a file with unknown headers, with the templates named", async () => {
    await expect(parseUpload(utf8("a;b;c\r\n1;2;3\r\n"), NOW)).rejects.toThrow(/Overskrifterne passer hverken/);
  });
});
