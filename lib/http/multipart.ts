import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { UserFacingError } from "@/lib/errors";

// multipart/form-data read as it streams (busboy): small text fields are collected, and the one file
// is handed to the caller as a stream that it consumes while the bytes arrive — no part of the body
// is buffered whole. The body comes from route({ body: { stream: true, limit } }), so a body over the
// limit errors the file stream with BodyTooLargeError (413) as soon as the limit is crossed.

export interface MultipartFile {
  /** The form field's name. */
  field: string;
  /** The file's name as the browser sent it ("" when no file was chosen). */
  filename: string;
  /** The file's bytes, chunk by chunk; read it to the end (or stop by throwing). */
  stream: AsyncIterable<Uint8Array>;
}

const NOT_MULTIPART = "Forespørgslen skal sendes som multipart/form-data (en formular med en fil).";
const MAX_FIELD_BYTES = 2_000_000;

/**
 * Reads the body: fields into a map, and calls `onFile` for the first part named `fileField` that has
 * a file name. Resolves when the body has been read (or onFile has finished and the rest is dropped)
 * with the fields and onFile's result (undefined if no file came).
 */
export async function readMultipart<T>(
  request: Request,
  body: ReadableStream<Uint8Array> | null,
  fileField: string,
  onFile: (file: MultipartFile, fields: Map<string, string>) => Promise<T>,
): Promise<{ fields: Map<string, string>; result: T | undefined }> {
  const type = request.headers.get("content-type") ?? "";
  if (!body || !type.toLowerCase().startsWith("multipart/form-data")) throw new UserFacingError(NOT_MULTIPART, 415);
  let parser: Busboy.Busboy;
  try {
    parser = Busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 20, parts: 25, fieldSize: MAX_FIELD_BYTES } });
  } catch {
    throw new UserFacingError(NOT_MULTIPART, 415);
  }
  const source = Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);
  const fields = new Map<string, string>();
  let handled: Promise<T> | null = null;
  let fileStream: Readable | null = null;

  const finished = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      fileStream?.destroy(error as Error);
      reject(error);
    };
    source.on("error", fail);
    parser.on("error", () => fail(new UserFacingError("Formularens data kunne ikke læses. Prøv at sende den igen.", 400)));
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(new UserFacingError("Et felt i formularen er for langt.", 413));
      else fields.set(name, value);
    });
    parser.on("file", (name, stream, info) => {
      if (handled || name !== fileField || !info.filename) {
        stream.resume(); // not the file asked for (or no file chosen): drop it
        return;
      }
      fileStream = stream;
      handled = onFile({ field: name, filename: info.filename, stream }, fields);
      // When the caller stops early (a bad file), stop reading the body as well: that is the answer.
      handled.catch((error: unknown) => {
        source.destroy();
        reject(error);
      });
    });
    parser.on("close", resolve);
  });
  source.pipe(parser);
  try {
    await finished;
  } catch (error) {
    // The body failed (too large, cut off): that is the answer, whatever the file's reader made of it.
    if (handled) await (handled as Promise<T>).catch(() => {});
    throw error;
  }
  return { fields, result: handled ? await handled : undefined };
}
