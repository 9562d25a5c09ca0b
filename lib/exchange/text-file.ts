// Bytes of an uploaded text file → text, piece by piece: which encoding, and a clear refusal of what
// is clearly not a text file. The CSV reader (csv-reader.ts) and the KLE import read through this.
//
// The encoding rule (docs/formats.md, "Tegnsæt"): a UTF-8 byte-order mark means UTF-8. Otherwise the
// first 64 KB block that holds a byte outside ASCII decides: valid UTF-8 there → UTF-8, else
// Windows-1252 (which is also how ISO-8859-1 files read, the old raw exports' encoding). A file that
// has only ASCII is the same in both. A file that starts as UTF-8 and later has bytes that are not
// UTF-8 is refused with the line where that happens: it is two files pasted together, and guessing
// would store wrong letters.

export class FileFormatError extends Error {
  constructor(
    message: string,
    /** The line the problem is on, when there is one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = "FileFormatError";
  }
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 200_000;
/** How much of the first non-ASCII stretch is tried as UTF-8 before the encoding is decided. */
const DECIDE_BLOCK = 64 * 1024;
/** The first bytes checked for a zip file, UTF-16 and NUL bytes. */
const HEAD = 4096;

export type TextEncodingName = "utf-8" | "windows-1252";

// 0x80–0x9F in Windows-1252 (€, ‚, ƒ, „ …); the rest of the byte range equals ISO-8859-1.
// Written out because Node's TextDecoder treats "windows-1252" as ISO-8859-1 and loses the €.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function decodeWindows1252(bytes: Uint8Array): string {
  return asBuffer(bytes)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

function validUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    // stream: a block cut in the middle of a character is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * A decoder fed chunk by chunk (`push`, then `end`); it never holds more than the chunk it is given
 * (plus up to 64 KB while the encoding is undecided). Throws FileFormatError.
 */
export class TextFileDecoder {
  encoding: TextEncodingName | null = null;
  private pending: Uint8Array = new Uint8Array(0);
  private checked = false;
  private total = 0;
  private utf8: TextDecoder | null = null;
  private newlines = 0;

  constructor(private readonly maxBytes = MAX_UPLOAD_BYTES) {}

  push(chunk: Uint8Array): string {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      throw new FileFormatError(
        `Filen er for stor (over ${Math.round(this.maxBytes / 1024 / 1024)} MB). Grænsen er ${Math.round(this.maxBytes / 1024 / 1024)} MB; del den op.`,
      );
    }
    this.pending = concat(this.pending, chunk);
    if (!this.checked) {
      if (this.pending.length < HEAD) return "";
      this.check();
    }
    return this.drain(false);
  }

  end(): string {
    if (this.total === 0) throw new FileFormatError("Filen er tom.");
    if (!this.checked) this.check();
    return this.drain(true);
  }

  private check() {
    this.checked = true;
    const b = this.pending;
    if (b[0] === 0x50 && b[1] === 0x4b) {
      throw new FileFormatError("Filen er en Excel- eller zip-fil. Gem den som CSV (semikolonsepareret) og prøv igen.");
    }
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
      throw new FileFormatError("Filen er gemt som UTF-16. Gem den som CSV UTF-8 eller Windows-1252.");
    }
    if (b.subarray(0, HEAD).includes(0)) throw new FileFormatError("Filen er ikke en tekstfil.");
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      this.encoding = "utf-8";
      this.pending = b.subarray(3);
    }
  }

  private drain(final: boolean): string {
    let out = "";
    if (this.encoding === null) {
      const at = firstNonAscii(this.pending);
      if (at < 0) {
        out = asBuffer(this.pending).toString("latin1");
        this.pending = new Uint8Array(0);
        return this.count(out);
      }
      const sample = this.pending.subarray(at, at + DECIDE_BLOCK);
      if (!final && sample.length < DECIDE_BLOCK) {
        // Decide on a whole block where there is one: pass the ASCII before it on, keep the rest.
        out = asBuffer(this.pending.subarray(0, at)).toString("latin1");
        this.pending = this.pending.subarray(at);
        return this.count(out);
      }
      this.encoding = validUtf8(sample, final && sample.length === this.pending.length - at) ? "utf-8" : "windows-1252";
    }
    const bytes = this.pending;
    this.pending = new Uint8Array(0);
    if (this.encoding === "windows-1252") return this.count(out + decodeWindows1252(bytes));
    this.utf8 ??= new TextDecoder("utf-8", { fatal: true });
    try {
      return this.count(out + this.utf8.decode(bytes, { stream: !final }));
    } catch {
      // The line of the first byte that is not UTF-8: where the lenient decoder puts its U+FFFD.
      const lenient = new TextDecoder("utf-8").decode(bytes);
      const before = lenient.slice(0, Math.max(0, lenient.indexOf("\ufffd")));
      this.count(before);
      const line = this.newlines + 1;
      throw new FileFormatError(
        `Filen begynder som UTF-8, men omkring linje ${line.toLocaleString("da-DK")} er der tegn, som ikke er UTF-8. Gem hele filen med ét tegnsæt (CSV UTF-8) og prøv igen.`,
        line,
      );
    }
  }

  /** Counts line breaks, so an encoding error can name its line. */
  private count(text: string): string {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.newlines++;
    return text;
  }
}

/**
 * A whole file decoded at once (KLE's XML; small files): UTF-8 with or without BOM, or
 * Windows-1252, by the rule above.
 */
export function decodeTextFile(bytes: Uint8Array, maxBytes = MAX_UPLOAD_BYTES): { text: string; encoding: TextEncodingName } {
  const decoder = new TextFileDecoder(maxBytes);
  const text = decoder.push(bytes) + decoder.end();
  return { text, encoding: decoder.encoding ?? "utf-8" };
}
