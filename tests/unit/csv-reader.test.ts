import { describe, expect, it } from "vitest";
import { CsvReader, MAX_LINE_LENGTH, readCsvRecords } from "@/lib/exchange/csv-reader";
import { FileFormatError } from "@/lib/exchange/text-file";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes of text that only uses characters of ISO-8859-1 (æøå ÆØÅ) — and € at 0x80. */
const cp1252 = (text: string) => Uint8Array.from(text, (c) => (c === "€" ? 0x80 : c.charCodeAt(0)));

/** The same bytes as a stream of small chunks, cut anywhere (in the middle of a character, too). */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(source: Uint8Array | AsyncIterable<Uint8Array>, options?: ConstructorParameters<typeof CsvReader>[1]) {
  const reader = new CsvReader(source, options);
  const records = [];
  for await (const r of reader) records.push(r);
  return { records, encoding: reader.encoding, delimiter: reader.delimiter };
}

describe("the CSV reader", () => {
  it("reads UTF-8 with a BOM and without, and Windows-1252 æøå, whole or in small chunks", async () => {
    const text = "navn;by\r\nKøge Kommune;Årø\r\nÆble;€\r\n";
    const expected = [
      { line: 1, cells: ["navn", "by"] },
      { line: 2, cells: ["Køge Kommune", "Årø"] },
      { line: 3, cells: ["Æble", "€"] },
    ];
    for (const bytes of [utf8(text), utf8("\ufeff" + text)]) {
      expect(await read(bytes)).toEqual({ records: expected, encoding: "utf-8", delimiter: ";" });
      expect((await read(chunked(bytes, 3))).records).toEqual(expected);
    }
    expect(await read(cp1252(text))).toEqual({ records: expected, encoding: "windows-1252", delimiter: ";" });
    expect((await read(chunked(cp1252(text), 2))).records).toEqual(expected);
  });

  it("decides the encoding from the first stretch outside ASCII, also deep into a large file", async () => {
    const ascii = "a;b\r\n" + "x;y\r\n".repeat(30_000); // 150 kB of plain ASCII first
    const { records, encoding } = await read(cp1252(ascii + "Sø;Å\r\n"));
    expect(encoding).toBe("windows-1252");
    expect(records.at(-1)).toEqual({ line: 30_002, cells: ["Sø", "Å"] });
  });

  it("refuses a file that starts as UTF-8 and turns into Windows-1252 later, naming the line", async () => {
    const mixed = new Uint8Array([...utf8("a;b\r\nø;1\r\n" + "x;y\r\n".repeat(20_000)), ...cp1252("ø;2\r\n")]);
    await expect(readCsvRecords(mixed)).rejects.toThrow(/begynder som UTF-8.*linje 20\.00\d/);
  });

  it("detects ; or , from the header line, outside quotes", async () => {
    expect((await read(utf8("a,b,c\n1,2,3\n"))).delimiter).toBe(",");
    expect((await read(utf8('"a;b",c,d\n'))).delimiter).toBe(",");
    expect((await read(utf8("a;b,c;d\n"))).delimiter).toBe(";");
    await expect(readCsvRecords(utf8("abc\n1\n"))).rejects.toThrow("Første linje har hverken ; eller , mellem kolonnerne.");
    expect((await read(utf8("a\tb\n1\t2\n"), { delimiters: [";", ",", "\t"] })).records[1].cells).toEqual(["1", "2"]);
  });

  it("reads quoted fields with separators, doubled quotes and line breaks, keeping each record's first line", async () => {
    const text = 'a;b\r\n"x;1";"he said ""hi"""\r\n\r\n"two\nlines";z\r\nlast;\r\n\n\nafter;blank';
    expect(await readCsvRecords(utf8(text))).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x;1", 'he said "hi"'] },
      { line: 4, cells: ["two\nlines", "z"] },
      { line: 6, cells: ["last", ""] },
      { line: 9, cells: ["after", "blank"] },
    ]);
    await expect(readCsvRecords(utf8('a;b\n1;2\n3;"open\n4;5\n'))).rejects.toThrow('Et felt med " er ikke afsluttet (fra linje 3).');
  });

  it("refuses an over-long line with its number, and a 10 MB file of one line at once", async () => {
    const long = utf8(`a;b\n1;2\n3;${"x".repeat(MAX_LINE_LENGTH + 10)}\n5;6\n`);
    const error = await readCsvRecords(long).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as FileFormatError).message).toBe(
      "Linje 3 er for lang (højst 10.000 tegn pr. linje). Er det en CSV-fil med én række pr. linje?",
    );
    expect((error as FileFormatError).line).toBe(3);

    // 10 MB without a line break, sent as a stream: refused after reading about the first 64 kB.
    let sent = 0;
    async function* oneLine() {
      const piece = utf8("x;".repeat(32 * 1024));
      for (let i = 0; i < 160; i++) {
        sent += piece.length;
        yield piece;
      }
    }
    await expect(readCsvRecords(oneLine())).rejects.toThrow(/^Linje 1 er for lang/);
    expect(sent).toBeLessThan(256 * 1024);
  });

  it("refuses an empty file, and files that are not text", async () => {
    await expect(readCsvRecords(new Uint8Array())).rejects.toThrow("Filen er tom.");
    await expect(readCsvRecords(utf8("\ufeff"))).rejects.toThrow("Filen er tom.");
    await expect(readCsvRecords(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).rejects.toThrow(/Excel- eller zip-fil/);
  });

  it("reads quotes as ordinary characters when told so (the old raw exports never quote)", async () => {
    expect((await readCsvRecords(utf8('a;"b;c\n1;2;3\n'), { quotes: false }))[0].cells).toEqual(["a", '"b', "c"]);
  });
});
