import { describe, expect, it } from "vitest";
import { decodeTextFile, FileFormatError, TextFileDecoder } from "@/lib/exchange/text-file";

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

describe("decoding in chunks", () => {
  it("gives the same text however the bytes are cut, and refuses a file over the limit", () => {
    const bytes = new TextEncoder().encode("Køge;Årø;€\r\n".repeat(100));
    for (const size of [1, 2, 3, 7, 4096]) {
      const decoder = new TextFileDecoder();
      let text = "";
      for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
      text += decoder.end();
      expect(text).toBe("Køge;Årø;€\r\n".repeat(100));
      expect(decoder.encoding).toBe("utf-8");
    }
    const small = new TextFileDecoder(10);
    expect(() => small.push(new Uint8Array(11).fill(0x41))).toThrow(/for stor/);
  });
});
