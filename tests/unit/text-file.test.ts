import { describe, expect, it } from "vitest";
import { decodeTextFile, detectSeparator, FileFormatError, parseDelimited } from "@/lib/exchange/text-file";

describe("decoding uploaded files", () => {
  it("reads UTF-8 with and without BOM, and Windows-1252 æøå", () => {
    const utf8 = new TextEncoder().encode("Køge;Årø");
    expect(decodeTextFile(utf8)).toEqual({ text: "Køge;Årø", encoding: "utf-8" });
    expect(decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8])).text).toBe("Køge;Årø");
    const cp1252 = Uint8Array.from([0x4b, 0xf8, 0x67, 0x65, 0x3b, 0xc5, 0x72, 0xf8, 0x3b, 0x80]);
    expect(decodeTextFile(cp1252)).toEqual({ text: "Køge;Årø;€", encoding: "windows-1252" });
  });

  it("refuses files that are not CSV text, with a reason", () => {
    expect(() => decodeTextFile(new Uint8Array())).toThrow("Filen er tom.");
    expect(() => decodeTextFile(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).toThrow(/Excel- eller zip-fil/);
    expect(() => decodeTextFile(Uint8Array.from([0xff, 0xfe, 0x41, 0]))).toThrow(/UTF-16/);
    expect(() => decodeTextFile(Uint8Array.from([0x41, 0, 0x42]))).toThrow(FileFormatError);
  });
});

describe("separators and fields", () => {
  it("detects ; or , from the header", () => {
    expect(detectSeparator("a;b;c")).toBe(";");
    expect(detectSeparator("a,b,c")).toBe(",");
    expect(detectSeparator('"a;b",c,d')).toBe(",");
    expect(() => detectSeparator("abc")).toThrow(/hverken/);
  });

  it("parses RFC 4180 quoting, CRLF, embedded line breaks and keeps line numbers", () => {
    const text = 'a;b\r\n"x;1";"he said ""hi"""\r\n\r\n"two\nlines";z\r\nlast;\r\n';
    expect(parseDelimited(text, ";")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x;1", 'he said "hi"'] },
      { line: 4, cells: ["two\nlines", "z"] },
      { line: 6, cells: ["last", ""] },
    ]);
    expect(() => parseDelimited('a;"open\n', ";")).toThrow(/ikke afsluttet/);
  });
});
