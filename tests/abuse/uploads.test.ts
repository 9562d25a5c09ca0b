import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paddedUploadFile } from "@/scripts/bench/upload";
import {
  staysUp,
  MB,
  PASSWORD,
  postRegistration,
  registration,
  registrationTarget,
  type RunningApp,
  SERVER_URL,
  signInCookie,
  startApp,
} from "./helpers";

// Uploads inside the documented limits must not take the server down for everyone: a 10 MB file that
// is one line gets a clear answer, and a 200,000-row file is imported while other users' registrations
// keep being answered.

let app: RunningApp;
let coordinator: string;
let registrant: string;
let target: { unitId: string; taskId: string };
let file: Uint8Array;

beforeAll(async () => {
  // Made first: generating 20 MB holds this process for seconds, and a keep-alive connection that sat
  // idle meanwhile may already be closed by the server when fetch reuses it (EPIPE, no answer).
  file = paddedUploadFile(200_000);
  app = await startApp("server", SERVER_URL, 3340);
  coordinator = await signInCookie(app.baseUrl, "koordinator@koege.test", PASSWORD);
  registrant = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
  target = await registrationTarget(app.baseUrl, registrant);
}, 180_000);
afterAll(async () => app?.stop());

async function upload(
  path: string,
  bytes: Uint8Array<ArrayBufferLike>,
): Promise<{ status: number; body: { message?: string; status?: string; error?: string; errors?: { line: number; message: string }[] } }> {
  const data = new FormData();
  data.set("fil", new File([new Uint8Array(bytes)], "upload.csv", { type: "text/csv" }));
  const response = await fetch(`${app.baseUrl}${path}?kommune=259&type=csv`, {
    method: "POST",
    headers: { cookie: coordinator, origin: app.baseUrl },
    body: data,
  });
  return { status: response.status, body: await response.json() };
}

describe("uploads inside the limits", () => {
  it("answers a 10 MB one-line file with a clear message and stays up", { timeout: 120_000 }, async () => {
    const oneLine = new TextEncoder().encode(`kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal${"x".repeat(10 * MB)}`);
    const result = await upload("/api/uploads/preview", oneLine);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(JSON.stringify(result.body)).toMatch(/[Ll]inje 1/);
    expect(await staysUp(app.baseUrl)).toBe(true);
  });

  it("imports 200,000 rows while registrations keep flowing", { timeout: 600_000 }, async () => {
    let stop = false;
    const answered: number[] = [];
    const failed: (number | null)[] = [];
    const flow = (async () => {
      while (!stop) {
        const started = Date.now();
        const status = await postRegistration(app.baseUrl, registrant, registration(target.unitId, target.taskId));
        if (status === 201) answered.push(Date.now() - started);
        else failed.push(status);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const result = await upload("/api/uploads", file);
    stop = true;
    await flow;
    expect(result.status, JSON.stringify(result.body).slice(0, 500)).toBe(200);
    expect(result.body.status).toBe("imported");
    const sorted = [...answered].sort((a, b) => a - b);
    console.log(
      `200,000-row import: ${answered.length} registrations answered meanwhile, median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted.at(-1)} ms; ${failed.length} failed`,
    );
    expect(failed).toEqual([]);
    expect(answered.length).toBeGreaterThan(5);
    expect(await staysUp(app.baseUrl)).toBe(true);
  });
});
