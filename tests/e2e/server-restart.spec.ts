import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";

// The real wiring of `bin/spor.mjs serve` (the supervisor around Spor's own server): a server killed
// with kill -9 is started again and answers; a body announced as over 25 MB is refused by the server
// itself; SIGTERM stops both cleanly. Its own server on its own port and database (the shared
// webServer of the other specs is left alone). The supervisor's rules are tested in
// tests/unit/supervisor.test.ts.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = `data/e2e-restart-${process.pid}`;

/** The pids of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function status(path: string): Promise<number> {
  try {
    return (await fetch(`${BASE}${path}`)).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, condition: () => Promise<boolean>, output: () => string, seconds = 150) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen. Output:\n${output()}`);
}

test("the supervisor brings the server back after kill -9, and SIGTERM stops it", async () => {
  test.setTimeout(400_000);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  let output = "";
  const serve: ChildProcess = spawn(process.execPath, ["bin/spor.mjs", "serve"], {
    env: { ...process.env, PORT: String(PORT), SPOR_DATA_DIR: DATA_DIR, SPOR_DEMO: "0", SPOR_BASE_URL: BASE },
    stdio: ["ignore", "pipe", "pipe"],
  });
  serve.stdout?.on("data", (d) => (output += d));
  serve.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => serve.once("exit", (code) => resolve(code)));
  try {
    // Ready for the test is ready for the supervisor too: the server tells it ("Klar på") after its own
    // first request was answered, which on a busy machine can come just after the test's probe; a server
    // killed before that counts as a failed first start and is, by design, not restarted.
    await waitFor(
      "the first start",
      async () => output.includes("Klar på") && (await status("/api/health/ready")) === 200,
      () => output,
    );
    const [server] = childrenOf(serve.pid!);
    expect(server).toBeGreaterThan(0);

    process.kill(server, "SIGKILL");
    await waitFor(
      "the restart",
      async () => childrenOf(serve.pid!).some((pid) => pid !== server) && (await status("/api/health/live")) === 200,
      () => output,
    );
    expect(output).toContain("Serveren stoppede uventet (signal SIGKILL)");
    expect(await status("/api/health/ready")).toBe(200);

    // Refused by Spor's server before Next reads a byte of it.
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        `${BASE}/api/v1/registrations`,
        { method: "POST", headers: { "content-length": String(30 * 1024 * 1024) } },
        (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      request.write("{");
    });
    expect(refused).toEqual({ status: 413, body: JSON.stringify({ error: "Forespørgslen er for stor; grænsen er 25 MB." }) });
  } finally {
    serve.kill("SIGTERM");
    const code = await exited;
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    expect(code).toBe(0);
  }
  expect(output.match(/Klar på/g)?.length).toBe(2);
});
