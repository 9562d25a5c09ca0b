import { UserFacingError } from "@/lib/errors";

// Bodies are read through this limit while they stream: a request that announces or sends more than
// the limit is refused as soon as the limit is crossed, before anything buffers the rest. This holds
// with and without Content-Length (chunked bodies included).

export const BODY_LIMITS = {
  /** Sign-in, sign-out, session: a few hundred bytes in practice. */
  auth: 16 * 1024,
  /** A SAML response posted by KOMBIT's Context Handler: a signed (often encrypted) assertion, some KB. */
  saml: 256 * 1024,
  /** Cookie-authenticated JSON routes of the app (one registration, a favourite, settings). */
  json: 64 * 1024,
  /** The ingestion API: 1,000,000 bytes, as docs/api.md and docs/openapi.json promise. */
  api: 1_000_000,
  /** File uploads (Data, user lists, KLE): Spor's documented 20 MB plus room for the multipart envelope. */
  upload: 20 * 1024 * 1024 + 64 * 1024,
} as const;

export class BodyTooLargeError extends UserFacingError {
  constructor(readonly limit: number) {
    super(`Forespørgslen er for stor; grænsen er ${formatBytes(limit)}.`, 413);
    this.name = "BodyTooLargeError";
  }
}

/** MB for the large limits; below that whole kB, or the exact bytes of a decimal limit (1.000.000 byte). */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor(bytes / (1024 * 1024)).toLocaleString("da-DK")} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${(bytes / 1024).toLocaleString("da-DK")} kB`;
  return `${bytes.toLocaleString("da-DK")} byte`;
}

/** Refuses at once a body whose declared length is over the limit. */
export function assertDeclaredLength(request: Request, limit: number): void {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
}

/**
 * The body as a stream that errors (BodyTooLargeError) as soon as more than `limit` bytes have
 * passed, and cancels the source so the rest is never read into memory.
 */
export function limitedStream(request: Request, limit: number): ReadableStream<Uint8Array> | null {
  assertDeclaredLength(request, limit);
  if (!request.body) return null;
  let seen = 0;
  const reader = request.body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        await reader.cancel().catch(() => {});
        controller.error(new BodyTooLargeError(limit));
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Reads the whole body, but never more than `limit` bytes of it. */
export async function readLimitedBytes(request: Request, limit: number): Promise<Uint8Array> {
  const stream = limitedStream(request, limit);
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Reads a JSON body within the limit; refuses other content types (415) and invalid JSON (400). */
export async function readLimitedJson(request: Request, limit: number): Promise<unknown> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new UserFacingError("Forespørgslen skal være JSON (Content-Type: application/json).", 415);
  }
  const bytes = await readLimitedBytes(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new UserFacingError("Forespørgslen er ikke gyldig JSON.", 400);
  }
}
