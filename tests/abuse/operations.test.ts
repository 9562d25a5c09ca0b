import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, registration, registrationTarget, type RunningApp, SERVER_URL, signInCookie, startApp } from "./helpers";

// Operations on the production server (bin/spor.mjs serve): JSON logs with a request id on every
// request's line, the id on the response, the metrics endpoint behind its token, and SIGTERM draining:
// a registration whose request is under way when the signal comes is answered and stored, new
// connections are refused meanwhile, and the process exits 0.

const TOKEN = "metrics-token-for-the-abuse-test";
let app: RunningApp;
beforeAll(async () => {
  // On the PostgreSQL server, as login.test.ts: the embedded database's first start (migrations and demo
  // data in WebAssembly) can take longer than the harness waits on a busy 2-core machine.
  app = await startApp("server", SERVER_URL, 3330, { env: { SPOR_METRICS_TOKEN: TOKEN, SPOR_TRUSTED_PROXIES: "1" } });
}, 300_000);
afterAll(async () => app?.stop());

/** The server's JSON log lines so far (the supervisor's and Next's own plain lines left out). */
function logLines(): Record<string, unknown>[] {
  return app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}\n${app.output().slice(-4000)}`);
}

describe("logs and request ids", () => {
  it("answers with an X-Request-Id, takes the trusted proxy's well-formed one, and logs the request under it", async () => {
    const own = await fetch(`${app.baseUrl}/api/health/live`);
    const made = own.headers.get("x-request-id");
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    const proxied = await fetch(`${app.baseUrl}/api/health/live`, { headers: { "x-request-id": "nginx-4f1c2a" } });
    expect(proxied.headers.get("x-request-id")).toBe("nginx-4f1c2a");
    const forged = await fetch(`${app.baseUrl}/api/health/live`, { headers: { "x-request-id": "bad id\twith tab and spaces" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const line = await waitFor("the proxied request's log line", () =>
      logLines().find((l) => l.requestId === "nginx-4f1c2a" && l.msg === "request"),
    );
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/api/health/live", status: 200 });
    expect(typeof line.time).toBe("string");
  });

  it("logs a signed-in request with the user's id and no e-mail address", async () => {
    const cookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const response = await fetch(`${app.baseUrl}/api/me`, { headers: { cookie, "x-request-id": "me-request-1" } });
    expect(response.status).toBe(200);
    const line = await waitFor("the /api/me log line", () => logLines().find((l) => l.requestId === "me-request-1" && l.msg === "request"));
    expect(line.status).toBe(200);
    // The route wrapper named the caller on the request's context, which the HTTP server's line reads.
    expect(line.userId).toEqual(expect.any(String));
    expect(line.municipalityId).toEqual(expect.any(String));
    expect(app.output()).not.toContain("medarbejder@koege.test");
  });
});

describe("metrics", () => {
  it("answers 401 to a wrong token and the registry to the right one", async () => {
    expect((await fetch(`${app.baseUrl}/api/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const response = await fetch(`${app.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    // Counted in the same process registry as the route that served /api/me above.
    expect(text).toMatch(/spor_http_requests_total\{route="\/api\/me",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/spor_sign_ins_total\{outcome="success"\} [1-9]/);
  });
});

describe("SIGTERM", () => {
  it("finishes the request under way, refuses new connections meanwhile, stores the registration and exits 0", async () => {
    const cookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const { unitId, taskId } = await registrationTarget(app.baseUrl, cookie);
    const reg = registration(unitId, taskId);
    const body = Buffer.from(JSON.stringify(reg));
    const url = new URL(`${app.baseUrl}/api/registrations`);

    // Headers first, with Expect: 100-continue: the server's "100 Continue" says it has the request in hand.
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: { cookie, origin: app.baseUrl, "content-type": "application/json", "content-length": body.length, expect: "100-continue" },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on("response", (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      request.on("error", reject);
    });
    await new Promise<void>((resolve) => request.once("continue", () => resolve()));
    request.write(body.subarray(0, 10));

    process.kill(app.pid, "SIGTERM");
    // The server stops listening; the request under way stays open.
    await waitFor("new connections refused", async () => {
      try {
        await fetch(`${app.baseUrl}/api/health/live`, { signal: AbortSignal.timeout(2000) });
        return undefined;
      } catch {
        return true;
      }
    });
    request.end(body.subarray(10));

    const { status, text } = await answered;
    expect(status, text).toBe(201);
    expect(await app.exited).toBe(0);
    const lines = logLines();
    expect(lines.some((l) => String(l.msg).startsWith("Stopper"))).toBe(true);
    expect(lines.at(-1)?.msg).toBe("Stoppet");

    // Read back from the database the server left behind.
    const { openDatabase } = await import("@/lib/database/open");
    const database = openDatabase({ kind: "server", url: app.databaseUrl! });
    try {
      const rows = await database.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM registration WHERE id = $1::uuid", [reg.id]);
      expect(rows[0].n).toBe(1);
    } finally {
      await database.close();
    }
  });
});
