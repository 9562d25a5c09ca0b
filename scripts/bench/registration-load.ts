import crypto from "node:crypto";
import { type AppMode, type RunningApp, signInCookie, startApp } from "./app-server";
import { type LoadResult, runLoad } from "./load";

const REGISTRANT = "medarbejder@koege.test";
const PASSWORD = "spor-demo-2026";

export interface Target {
  unitId: string;
  taskId: string;
}

async function json<T>(app: Pick<RunningApp, "baseUrl">, path: string, cookie: string): Promise<T> {
  const response = await fetch(`${app.baseUrl}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function findTarget(app: Pick<RunningApp, "baseUrl">, cookie: string): Promise<Target> {
  const me = await json<{ registrationUnits: { id: string; name: string }[] }>(app, "/api/me", cookie);
  const unit = me.registrationUnits.find((u) => u.name === "Borgerservice – Telefon");
  if (!unit) throw new Error("demo unit Borgerservice – Telefon not found");
  const setup = await json<{ tasks: { id: string; number: string }[] }>(app, `/api/units/${unit.id}`, cookie);
  const task = setup.tasks.find((t) => t.number === "23.05.10");
  if (!task) throw new Error("task 23.05.10 not found in the unit");
  return { unitId: unit.id, taskId: task.id };
}

async function ownToday(app: RunningApp, cookie: string, unitId: string): Promise<number> {
  return (await json<{ ownCount: number }>(app, `/api/registrations/today?unitId=${unitId}`, cookie)).ownCount;
}

/** One new registration (a fresh id) for the demo registrant's telephone unit, as the registration screen posts it. */
export function registrationRequest(baseUrl: string, origin: string, cookie: string, target: Target) {
  return {
    url: `${baseUrl}/api/registrations`,
    init: {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin },
      body: JSON.stringify({
        id: crypto.randomUUID(),
        unitId: target.unitId,
        channelCode: "TLFIND",
        taskId: target.taskId,
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: null,
        occurredAt: new Date().toISOString(),
        isTest: false,
        answers: [],
      }),
    },
  };
}

export interface RegistrationBenchRow {
  endpoint: "registration" | "bare";
  result: LoadResult;
}

/** Registration throughput through the real endpoint, beside a bare route handler on the same server. */
export async function benchRegistrationLoad(
  mode: AppMode,
  serverUrl: string,
  seconds: number,
  port: number,
): Promise<{ label: string; rows: RegistrationBenchRow[]; rowsWritten: number; rowsExpected: number }> {
  const app = await startApp(mode, serverUrl, port);
  try {
    const cookie = await signInCookie(app.baseUrl, REGISTRANT, PASSWORD);
    const target = await findTarget(app, cookie);
    const before = await ownToday(app, cookie, target.unitId);
    const registration = () => registrationRequest(app.baseUrl, app.baseUrl, cookie, target);
    const bare = () => ({ url: `${app.baseUrl}/api/health/live`, init: { headers: { cookie } } });

    // Warm up both paths (JIT, connection pools) before measuring.
    await runLoad(4, 3, registration);
    await runLoad(4, 2, bare);
    const warmed = await ownToday(app, cookie, target.unitId);

    const rows: RegistrationBenchRow[] = [];
    let created = 0;
    for (const clients of [10, 50]) {
      rows.push({ endpoint: "bare", result: await runLoad(clients, seconds, bare) });
      const result = await runLoad(clients, seconds, registration, (s) => s === 201);
      created += result.ok;
      rows.push({ endpoint: "registration", result });
    }
    const after = await ownToday(app, cookie, target.unitId);
    void before;
    return { label: app.label, rows, rowsWritten: after - warmed, rowsExpected: created };
  } finally {
    await app.stop();
  }
}
