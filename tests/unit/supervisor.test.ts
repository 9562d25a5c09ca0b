import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelay, supervise, type SupervisorEvent } from "@/lib/server/supervisor.mjs";

// The supervisor behind `bin/spor.mjs serve`, with a real child process (tests/fixtures/fake-server.mjs)
// that crashes, fails or runs as told. The real server's wiring is checked end to end in
// tests/e2e/server-restart.spec.ts (kill -9 of the server, /api/health/live answers again).

const FAKE = path.resolve("tests/fixtures/fake-server.mjs");
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spor-supervisor-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, name);
}

function start(env: Record<string, string>, options: { initialDelayMs?: number; maxDelayMs?: number; healthyAfterMs?: number } = {}) {
  const events: SupervisorEvent[] = [];
  const logs: string[] = [];
  const starts = tempFile("starts");
  const supervisor = supervise({
    command: process.execPath,
    args: [FAKE],
    env: { ...process.env, FAKE_STARTS: starts, ...env },
    stdout: "ignore",
    stderr: null,
    initialDelayMs: options.initialDelayMs ?? 10,
    maxDelayMs: options.maxDelayMs ?? 40,
    healthyAfterMs: options.healthyAfterMs ?? 60_000,
    log: (line) => logs.push(line),
    onEvent: (event) => events.push(event),
  });
  cleanups.push(() => supervisor.stop("SIGKILL"));
  const startCount = () => (fs.existsSync(starts) ? fs.readFileSync(starts, "utf8").trim().split("\n").length : 0);
  return { supervisor, events, logs, startCount };
}

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("restartDelay", () => {
  it("doubles from the first pause and stops at the longest", () => {
    const options = { initialDelayMs: 1000, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelay(n, options))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

// Each test starts a few Node processes: seconds on a busy two-core machine.
describe("supervise", { timeout: 30_000 }, () => {
  it("restarts a server that died, with doubling pauses, and logs the exit code and its last stderr lines", async () => {
    const { events, logs, startCount } = start({ FAKE_MODE: "crash", FAKE_CRASHES: "3" }, { initialDelayMs: 10, maxDelayMs: 30 });
    await until(() => startCount() === 4 && events.filter((e) => e.type === "ready").length === 4, "the fourth start");
    const exits = events.filter((e) => e.type === "exit");
    expect(exits.map((e) => e.type === "exit" && e.restartInMs)).toEqual([10, 20, 30]);
    expect(exits.every((e) => e.type === "exit" && e.code === 134)).toBe(true);
    expect(logs[0]).toContain("exit code 134");
    expect(logs[0]).toContain("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
    expect(logs[0]).toContain("Starter serveren igen");
  });

  it("restarts a server killed with SIGKILL and names the signal", async () => {
    const { supervisor, events, logs } = start({ FAKE_MODE: "serve" });
    await until(() => events.some((e) => e.type === "ready"), "ready");
    const first = supervisor.pid!;
    process.kill(first, "SIGKILL");
    await until(() => events.filter((e) => e.type === "ready").length === 2, "the restart");
    expect(supervisor.pid).not.toBe(first);
    expect(logs.join("\n")).toContain("signal SIGKILL");
  });

  it("starts the pauses over after the server ran healthily for a while", async () => {
    const { events } = start(
      { FAKE_MODE: "crash", FAKE_CRASHES: "3", FAKE_LIFETIME_MS: "400" },
      { healthyAfterMs: 100, initialDelayMs: 10, maxDelayMs: 1000 },
    );
    await until(() => events.filter((e) => e.type === "exit").length === 3, "three exits");
    expect(events.filter((e) => e.type === "exit").map((e) => e.type === "exit" && e.restartInMs)).toEqual([10, 10, 10]);
  });

  it("passes SIGTERM on to the server and does not restart it", async () => {
    const signals = tempFile("signals");
    const { supervisor, events, startCount } = start({ FAKE_MODE: "serve", FAKE_SIGNALS: signals });
    await until(() => events.some((e) => e.type === "ready"), "ready");
    const code = await supervisor.stop("SIGTERM");
    expect(code).toBe(0);
    expect(fs.readFileSync(signals, "utf8")).toBe("SIGTERM\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(startCount()).toBe(1);
    expect(supervisor.pid).toBeUndefined();
  });

  it("gives up with the server's exit code when the first start fails before it is ready", async () => {
    const { supervisor, logs, startCount } = start({ FAKE_MODE: "fail-before-ready" });
    expect(await supervisor.done).toBe(3);
    expect(startCount()).toBe(1);
    expect(logs[0]).toContain("før den var klar (exit code 3)");
    expect(logs[0]).toContain("Databasen kunne ikke klargøres: forbindelse nægtet");
  });
});
