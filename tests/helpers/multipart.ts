// Multipart requests as a browser's fetch sends them, for calling the upload route handlers directly
// (tests/db/upload-routes.test.ts, tests/db/upload-worker.test.ts).

const BOUNDARY = "----spor-test-boundary";
const encoder = new TextEncoder();

export type Part =
  { name: string; value: string } | { name: string; filename: string; bytes: Uint8Array | (() => AsyncGenerator<Uint8Array>) };

/** A multipart/form-data body as a browser sends it, as chunks (files may be generated lazily). */
async function* multipart(parts: Part[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    if ("value" in part) {
      yield encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`);
      continue;
    }
    yield encoder.encode(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    if (part.bytes instanceof Uint8Array) yield part.bytes;
    else yield* part.bytes();
    yield encoder.encode("\r\n");
  }
  yield encoder.encode(`--${BOUNDARY}--\r\n`);
}

async function bytesOf(parts: Part[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of multipart(parts)) chunks.push(c);
  return Buffer.concat(chunks);
}

/** A POST as the browser's fetch sends it: same origin, the user's cookie (if any); chunked when `chunked`. */
export async function multipartRequest(
  url: string,
  cookie: string | null,
  parts: Part[],
  options: { chunked?: boolean; declaredLength?: number } = {},
) {
  const headers: Record<string, string> = {
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    origin: "http://localhost:3000",
    host: "localhost:3000",
  };
  if (cookie) headers.cookie = cookie;
  let body: BodyInit;
  if (options.chunked) {
    const source = multipart(parts);
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
  } else {
    body = (await bytesOf(parts)) as BodyInit;
  }
  if (options.declaredLength !== undefined) headers["content-length"] = String(options.declaredLength);
  return new Request(`http://localhost:3000${url}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
