import { parse } from "csv-parse/stream";
import { FileFormatError, MAX_UPLOAD_BYTES, TextFileDecoder, type TextEncodingName } from "./text-file";

// The one CSV reader behind every CSV input (data uploads in either template, old raw exports, the
// user import): bytes, as they arrive, → encoding (text-file.ts) → separator (from the header line)
// → records with the line they start on, parsed by csv-parse (RFC 4180: quoted fields with ; and
// line breaks, "" for a quote). Nothing holds the whole file: each chunk is decoded, parsed and
// handed on. A line longer than MAX_LINE_LENGTH is refused with its number as soon as it is seen,
// so a 10 MB file without line breaks costs 10 kB, not 10 MB of string. Every ~10 ms of work (the
// caller's included) the reader lets the event loop run, so other requests are answered meanwhile.

/** The longest line (record) accepted, in bytes of UTF-8 — Spor's rows are under 200. */
export const MAX_LINE_LENGTH = 10_000;
const YIELD_EVERY_MS = 10;
/** Input is handed to the parser in pieces of at most this many bytes. */
const PIECE = 64 * 1024;

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted line break makes a record span lines). */
  line: number;
  cells: string[];
}

export interface CsvReadOptions {
  /** Candidate separators; the one found most often in the header line wins. Default ; and ,. */
  delimiters?: readonly string[];
  /** Used when the header has none of them; without it such a file is refused. */
  fallbackDelimiter?: string;
  /** false: a " is an ordinary character (the old raw exports never quote). Default true. */
  quotes?: boolean;
  /** Trim spaces around cells (and around quoted cells). Default false. */
  trim?: boolean;
  maxLineLength?: number;
  maxBytes?: number;
}

export type CsvSource = Uint8Array | AsyncIterable<Uint8Array>;

type Parsed = { record: string[]; info: { lines: number } };

const lineLabel = (n: number) => n.toLocaleString("da-DK");

export function lineTooLongError(line: number, max = MAX_LINE_LENGTH): FileFormatError {
  return new FileFormatError(
    `Linje ${lineLabel(line)} er for lang (højst ${max.toLocaleString("da-DK")} tegn pr. linje). Er det en CSV-fil med én række pr. linje?`,
    line,
  );
}

async function* pieces(source: CsvSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += PIECE) yield source.subarray(i, i + PIECE);
    return;
  }
  for await (const chunk of source) {
    for (let i = 0; i < chunk.length; i += PIECE) yield chunk.subarray(i, i + PIECE);
  }
}

/**
 * Returns a function to call often in a long loop: it resolves at once, except when this turn of the
 * event loop has run longer than `ms` — then it waits one turn (setImmediate) so timers and other
 * requests get their share.
 */
export function yielder(ms = YIELD_EVERY_MS): () => Promise<void> | undefined {
  let since = performance.now();
  let calls = 0;
  return () => {
    if (++calls % 32 !== 0 || performance.now() - since < ms) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

/** The separator of a header line: the candidate found most often outside quotes (ties: the first); null if none. */
export function detectDelimiter(headerLine: string, candidates: readonly string[]): string | null {
  const counts = new Map(candidates.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  for (const d of candidates) if (counts.get(d)! > 0 && (best === null || counts.get(d)! > counts.get(best)!)) best = d;
  return best;
}

/**
 * One CSV file being read: iterate it (once) for its records. `encoding` and `delimiter` are known
 * once the first record has come. Throws FileFormatError (with `line` where there is one).
 */
export class CsvReader implements AsyncIterable<CsvRecord> {
  encoding: TextEncodingName | null = null;
  delimiter: string | null = null;
  private readonly max: number;

  constructor(
    private readonly source: CsvSource,
    private readonly options: CsvReadOptions = {},
  ) {
    this.max = options.maxLineLength ?? MAX_LINE_LENGTH;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvRecord> {
    const decoder = new TextFileDecoder(this.options.maxBytes ?? MAX_UPLOAD_BYTES);
    const input = pieces(this.source)[Symbol.asyncIterator]();
    const pause = yielder();

    // 1. The header line, to choose the separator: never more than maxLineLength characters of it.
    let head = "";
    let ended = false;
    for (;;) {
      const next = await input.next();
      if (next.done) {
        head += decoder.end();
        ended = true;
        break;
      }
      head += decoder.push(next.value);
      const newline = head.search(/[\r\n]/);
      if ((newline < 0 ? head.length : newline) > this.max) throw lineTooLongError(1, this.max);
      if (newline >= 0) break;
    }
    this.encoding = decoder.encoding ?? (ended ? "utf-8" : null);
    const firstLine = head.slice(0, (head.search(/[\r\n]/) + 1 || head.length + 1) - 1);
    const candidates = this.options.delimiters ?? [";", ","];
    const delimiter = detectDelimiter(firstLine, candidates) ?? this.options.fallbackDelimiter;
    if (!delimiter) {
      if (!firstLine.trim()) throw new FileFormatError("Filen er tom.", 1);
      const names = candidates.map((d) => (d === "\t" ? "tabulator" : d)).join(" eller ");
      throw new FileFormatError(`Første linje har hverken ${names} mellem kolonnerne.`, 1);
    }
    this.delimiter = delimiter;

    // 2. The rest streams through csv-parse; a producer writes while this generator reads.
    let parsedThrough = 0; // the line the parser's last record ended on (it may run ahead of the reader)
    const parser = parse({
      delimiter,
      record_delimiter: "\n", // CRLF and CR are made LF before the parser (one delimiter is faster)
      on_record: (record: string[], context: { lines: number }) => {
        parsedThrough = context.lines;
        return record;
      },
      quote: this.options.quotes === false ? false : '"',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: this.options.trim ?? false,
      max_record_size: this.max,
      info: true,
    }) as unknown as TransformStream<Uint8Array, Parsed>;
    const writer = parser.writable.getWriter();
    const reader = parser.readable.getReader();
    const encoder = new TextEncoder();
    // Line ends become LF; a CR at the end of a piece waits for the next one (it may be half a CRLF).
    let heldCr = false;
    const lf = (text: string, final: boolean): Uint8Array | null => {
      let t = (heldCr ? "\r" : "") + text;
      heldCr = !final && t.endsWith("\r");
      if (heldCr) t = t.slice(0, -1);
      if (!t) return null;
      return encoder.encode(t.includes("\r") ? t.replace(/\r\n?/g, "\n") : t);
    };
    const write = async (text: string, final = false) => {
      const bytes = lf(text, final);
      if (bytes) await writer.write(bytes);
    };
    let inputError: unknown = null;
    const producer = (async () => {
      try {
        await write(head, ended);
        head = "";
        while (!ended) {
          const next = await input.next();
          if (next.done) {
            await write(decoder.end(), true);
            break;
          }
          const text = decoder.push(next.value);
          this.encoding = decoder.encoding;
          await write(text);
        }
        this.encoding = decoder.encoding ?? "utf-8";
        await writer.close();
      } catch (error) {
        inputError ??= error;
        await writer.abort(error).catch(() => {});
      }
    })();

    let lastLine = 0; // the line the previous record ended on
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Parsed>;
        try {
          next = await reader.read();
        } catch (error) {
          throw this.translate(inputError ?? error, parsedThrough + 1);
        }
        if (next.done) break;
        const start = lastLine + 1;
        lastLine = next.value.info.lines;
        const cells = next.value.record;
        // An empty line comes as one empty cell: skipped, but it counts for the line numbers.
        if (cells.length === 1 && cells[0] === "") continue;
        yield { line: start, cells };
        await pause();
      }
      await producer;
      if (inputError) throw this.translate(inputError, parsedThrough + 1);
    } finally {
      await reader.cancel().catch(() => {});
      await input.return?.(undefined).catch(() => {});
      await producer;
    }
  }

  private translate(error: unknown, line: number): unknown {
    const code = (error as { code?: unknown })?.code;
    if (typeof code !== "string" || !code.startsWith("CSV_")) return error;
    if (code === "CSV_MAX_RECORD_SIZE") return lineTooLongError(line, this.max);
    if (code === "CSV_QUOTE_NOT_CLOSED")
      return new FileFormatError(`Et felt med " er ikke afsluttet (fra linje ${lineLabel(line)}).`, line);
    return new FileFormatError(`Linje ${lineLabel(line)} kan ikke læses som CSV: tjek anførselstegnene (").`, line);
  }
}

/** Every record of a (small) file at once: for tests and the short lists of the user import. */
export async function readCsvRecords(source: CsvSource, options?: CsvReadOptions): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of new CsvReader(source, options)) records.push(record);
  return records;
}
