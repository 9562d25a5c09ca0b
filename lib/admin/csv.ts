// A small reader for the CSV files coordinators make in Excel: ";" (Danish Excel), "," or tab as
// separator, detected from the header line; double-quoted fields with "" for a quote; CRLF or LF;
// a UTF-8 byte-order mark is ignored. Each record carries the line number it starts on, so errors
// can name the line the coordinator sees in their editor.

export interface CsvRecord {
  line: number;
  cells: string[];
}

export function detectDelimiter(firstLine: string): string {
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ";";
}

export function parseCsvRecords(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(text.split(/\r?\n/, 1)[0] ?? "");
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const finish = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== "")) records.push({ line: start, cells: cells.map((c) => c.trim()) });
    cells = [];
    field = "";
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
    } else if (ch === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      finish();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== "" || cells.length) finish();
  return records;
}
