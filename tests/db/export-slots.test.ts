import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/exports/registrations/route";
import { resetAuth } from "@/lib/auth/auth";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { adminTestDatabase } from "@/tests/helpers/admin";
import { signInCookie } from "@/tests/helpers/sign-in";

// The cap on concurrent exports (SPOR_EXPORT_CONCURRENCY, lib/exchange/export-slots.ts) through the
// real export route: beyond the cap a Danish 503 that writes nothing (no audit row); a place comes
// back when a download ends or is cancelled.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let cookie: string;
const saved = process.env.SPOR_EXPORT_CONCURRENCY;

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  cookie = await signInCookie(t.prisma, "koordinator@koege.test", DEMO_PASSWORD);
  process.env.SPOR_EXPORT_CONCURRENCY = "2";
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SPOR_EXPORT_CONCURRENCY;
  else process.env.SPOR_EXPORT_CONCURRENCY = saved;
  resetAuth();
  await t.database.close();
});

const exportRequest = () =>
  GET(
    new Request("http://localhost:3000/api/exports/registrations?kommune=259", { headers: { cookie, origin: "http://localhost:3000" } }),
    {
      params: Promise.resolve({}),
    },
  );
const audits = () => t.prisma.auditEvent.count({ where: { action: { startsWith: "export" } } });

describe("concurrent exports", () => {
  it("refuses one more than the cap with 503, Retry-After and a Danish message, and audits nothing for it", async () => {
    const first = await exportRequest();
    const second = await exportRequest();
    expect([first.status, second.status]).toEqual([200, 200]);
    const before = await audits();
    const third = await exportRequest();
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBe("5");
    expect((await third.json()).error).toBe(
      "Der kører allerede så mange eksporter, som serveren tager ad gangen. Prøv igen om et øjeblik.",
    );
    expect(await audits()).toBe(before);

    // A download read to its end gives its place back …
    const text = await first.text();
    expect(text.split("\n").length).toBeGreaterThan(1);
    const fourth = await exportRequest();
    expect(fourth.status).toBe(200);
    expect((await exportRequest()).status).toBe(503);
    // … and so does a cancelled one.
    await second.body!.cancel();
    await fourth.body!.cancel();
    const again = [await exportRequest(), await exportRequest()];
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(again.map((r) => r.body!.cancel()));
  });
});
