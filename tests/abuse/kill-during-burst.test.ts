import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/database/open";
import {
  type AppMode,
  databaseModes,
  isLive,
  PASSWORD,
  postRegistration,
  registration,
  registrationTarget,
  type RunningApp,
  SERVER_URL,
  serverPid,
  signInCookie,
  startApp,
} from "./helpers";

// kill -9 of the serving process in the middle of a burst of registrations, as a power cut or the
// kernel's OOM killer would do it. The supervisor (bin/spor.mjs serve) brings the server back; the
// clients resend what was not acknowledged, with the same ids, as the registration screen's outbox
// does. Every acknowledged registration must then be stored exactly once.

const modes = await databaseModes();
const running: RunningApp[] = [];
afterAll(async () => {
  for (const app of running) await app.stop();
});

async function countStored(app: RunningApp, ids: string[]): Promise<{ rows: number; quantity: number }> {
  const database = app.databaseUrl
    ? openDatabase({ kind: "server", url: app.databaseUrl })
    : openDatabase({ kind: "embedded", dataDir: app.dataDir! });
  try {
    const rows = await database.sql.query<{ rows: string; quantity: string | null }>(
      "SELECT count(*)::text AS rows, sum(quantity)::text AS quantity FROM registration WHERE id = ANY($1::uuid[])",
      [ids],
    );
    return { rows: Number(rows[0].rows), quantity: Number(rows[0].quantity ?? 0) };
  } finally {
    await database.close();
  }
}

describe.each(modes)("kill -9 during a registration burst (%s)", (mode: AppMode) => {
  it("keeps every acknowledged registration exactly once and comes back by itself", { timeout: 300_000 }, async () => {
    const app = await startApp(mode, SERVER_URL, mode === "server" ? 3311 : 3310);
    running.push(app);
    const cookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const target = await registrationTarget(app.baseUrl, cookie);

    const acknowledged = new Set<string>();
    const pending = new Map<string, object>();
    let stop = false;
    let killedAt = 0;
    // Eight clients, each with its own outbox: a registration stays in it until the server says 200/201.
    const client = async () => {
      while (!stop) {
        const id = crypto.randomUUID();
        pending.set(id, registration(target.unitId, target.taskId, id));
        for (const [pendingId, body] of [...pending]) {
          const status = await postRegistration(app.baseUrl, cookie, body);
          if (status === 200 || status === 201) {
            acknowledged.add(pendingId);
            pending.delete(pendingId);
          } else {
            await new Promise((r) => setTimeout(r, 200));
            break;
          }
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 3000));
    const beforeKill = acknowledged.size;
    const victim = serverPid(app.pid);
    expect(victim).not.toBe(app.pid); // the supervisor and the server are separate processes
    process.kill(victim, "SIGKILL");
    killedAt = Date.now();
    // The supervisor restarts the server with backoff; the clients keep trying meanwhile.
    const deadline = Date.now() + 120_000;
    while (!(await isLive(app.baseUrl))) {
      if (Date.now() > deadline) throw new Error(`the server did not come back after kill -9:\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const backAfterMs = Date.now() - killedAt;
    await new Promise((r) => setTimeout(r, 2000));
    stop = true;
    await Promise.all(clients);
    // Drain the outboxes: everything not yet acknowledged is resent until it is.
    for (const [id, body] of [...pending]) {
      const status = await postRegistration(app.baseUrl, cookie, body);
      expect(status, `resend of ${id}`).toBeOneOf([200, 201]);
      acknowledged.add(id);
      pending.delete(id);
    }
    expect(beforeKill).toBeGreaterThan(10);
    console.log(`${mode}: ${acknowledged.size} acknowledged (${beforeKill} before the kill), back after ${backAfterMs} ms`);
    expect(app.output()).toMatch(/SIGKILL/); // the supervisor logs why the server stopped

    await app.stop({ keepDatabase: true }); // afterAll removes it
    const stored = await countStored(app, [...acknowledged]);
    expect(stored).toEqual({ rows: acknowledged.size, quantity: acknowledged.size });
  });
});
