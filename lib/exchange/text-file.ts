// Reading uploaded text files: which encoding, which separator, and RFC 4180 fields.

export class FileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileFormatError";
  }
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 200_000;

/**
 * Decodes UTF-8 (with or without BOM) or Windows-1252, the encodings Excel and the old systems write.
 * Refuses, with a reason, what is clearly not such a text file.
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (bytes.length === 0) throw new FileFormatError("Filen er tom.");
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new FileFormatError(`Filen er for stor (${Math.round(bytes.length / 1024 / 1024)} MB). Grænsen er 20 MB; del den op.`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new FileFormatError("Filen er en Excel- eller zip-fil. Gem den som CSV (semikolonsepareret) og prøv igen.");
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FileFormatError("Filen er gemt som UTF-16. Gem den som CSV UTF-8 eller Windows-1252.");
  }
  if (bytes.subarray(0, 4096).includes(0)) throw new FileFormatError("Filen er ikke en tekstfil.");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

// 0x80–0x9F in Windows-1252 (€, ‚, ƒ, „ …); the rest of the byte range equals ISO-8859-1.
// Written out because Node's TextDecoder treats "windows-1252" as ISO-8859-1 and loses the €.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return text;
}

/** ";" or "," — whichever separates the header line into more fields (outside quotes). */
export function detectSeparator(headerLine: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ";") semicolons++;
    else if (!quoted && ch === ",") commas++;
  }
  if (semicolons === 0 && commas === 0) throw new FileFormatError("Første linje har hverken ; eller , mellem kolonnerne.");
  return semicolons >= commas ? ";" : ",";
}

/** RFC 4180 records with their 1-based starting line numbers; blank lines are skipped. */
export function parseDelimited(text: string, separator: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === "" && !fieldStarted)) records.push({ line: recordLine, cells });
    cells = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (ch === separator) {
      cells.push(field);
      field = "";
      fieldStarted = true;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      continue;
    } else if (ch === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== "" || cells.length) endRecord();
  if (quoted) throw new FileFormatError(`Et felt med " er ikke afsluttet (fra linje ${recordLine}).`);
  return records;
}
