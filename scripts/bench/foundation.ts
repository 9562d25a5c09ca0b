// The foundation's hot paths (start-up, sign-in, session checks) on both database modes.
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { guardedSignIn } from "@/lib/auth/sign-in";
import { loadAccess } from "@/lib/auth/load-access";
import { registrationReadScope } from "@/lib/auth/access";
import { createUserWithPassword } from "@/lib/auth/users";
import { setDatabase } from "@/lib/db";
import { migrate } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";
import { seedDemoData } from "@/lib/seed/demo";
import { seedReferenceData } from "@/lib/seed/reference";
import { percentile } from "./load";

export const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

function percentileOf(samples: number[], p: number): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

async function openFresh(mode: "pglite" | "server"): Promise<[SporDatabase, () => Promise<void>]> {
  if (mode === "pglite") {
    const db = openDatabase({ kind: "memory" });
    return [db, () => db.close()];
  }
  const scratch = await createScratchDatabase(SERVER, "spor_bench");
  const db = openDatabase({ kind: "server", url: scratch.url });
  return [
    db,
    async () => {
      await db.close();
      await scratch.drop();
    },
  ];
}

async function benchMode(mode: "pglite" | "server") {
  const [db, cleanup] = await openFresh(mode);
  setDatabase(db);
  resetAuth();
  const rows: [string, string, string][] = [];
  try {
    const [, migrateMs] = await time(() => migrate(db.sql));
    const [, seedMs] = await time(() => seedReferenceData(db.prisma));
    const [, reseedMs] = await time(() => seedReferenceData(db.prisma));
    const [, demoMs] = await time(() => seedDemoData(db.prisma));
    rows.push(["first start: open database + migrate", `${migrateMs.toFixed(0)} ms`, "< 5 s"]);
    rows.push(["first start: reference data", `${seedMs.toFixed(0)} ms`, "< 5 s"]);
    rows.push(["every later start: reference data (no changes)", `${reseedMs.toFixed(0)} ms`, "< 500 ms"]);
    rows.push(["demo data (≈1,000 registrations)", `${demoMs.toFixed(0)} ms`, "< 15 s"]);

    const email = "bench@spor.test";
    await createUserWithPassword(db.prisma, { email, name: "Bench", password: "bench-password-1" });
    const headers = new Headers({ "x-spor-client-ip": "127.0.0.9", origin: "http://localhost:3000" });
    const [{ response }, signInMs] = await time(() =>
      guardedSignIn(db.prisma, { email, ip: "127.0.0.9" }, () =>
        getAuth().api.signInEmail({ body: { email, password: "bench-password-1" }, headers, asResponse: true }),
      ),
    );
    rows.push(["sign-in (throttle reservation + scrypt hash check + session row + audit)", `${signInMs.toFixed(0)} ms`, "< 500 ms"]);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const sessionHeaders = new Headers({ cookie });
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [, ms] = await time(() => getAuth().api.getSession({ headers: sessionHeaders }));
      samples.push(ms);
    }
    rows.push([
      "session check per request (200 requests)",
      `p50 ${percentileOf(samples, 50).toFixed(2)} ms, p95 ${percentileOf(samples, 95).toFixed(2)} ms`,
      "p95 < 20 ms",
    ]);

    const coordinator = await db.prisma.user.findUniqueOrThrow({ where: { email: "koordinator@koege.test" }, select: { id: true } });
    const scoped: number[] = [];
    for (let i = 0; i < 50; i++) {
      const [, ms] = await time(async () => {
        const access = await loadAccess(db.prisma, coordinator.id);
        return db.prisma.registration.aggregate({ where: registrationReadScope(access), _sum: { quantity: true } });
      });
      scoped.push(ms);
    }
    rows.push([
      "load access + scoped registration total (coordinator)",
      `p50 ${percentileOf(scoped, 50).toFixed(2)} ms, p95 ${percentileOf(scoped, 95).toFixed(2)} ms`,
      "p95 < 50 ms",
    ]);
  } finally {
    setDatabase(undefined);
    resetAuth();
    await cleanup();
  }
  return rows;
}

/** Start-up, sign-in and session checks on both database modes, as markdown sections. */
export async function benchFoundation(): Promise<string[]> {
  const sections: string[] = [];
  for (const mode of ["pglite", "server"] as const) {
    try {
      const rows = await benchMode(mode);
      const title = mode === "pglite" ? "Embedded PostgreSQL (PGlite, in memory)" : `PostgreSQL server (${new URL(SERVER).host})`;
      sections.push(`### ${title}\n\n| what | measured | target |\n|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`);
      console.log(title);
      console.table(rows);
    } catch (error) {
      sections.push(`### ${mode}\n\nNot measured: ${(error as Error).message}\n`);
    }
  }
  return sections;
}
