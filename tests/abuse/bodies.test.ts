import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/database/open";
import { createApiToken } from "@/lib/ingestion/tokens";
import {
  actionId,
  flood,
  staysUp,
  MB,
  PASSWORD,
  type RunningApp,
  sampleRss,
  SERVER_URL,
  serverPid,
  signInCookie,
  startApp,
  treeRss,
} from "./helpers";

// Oversized bodies, three in parallel, with and without Content-Length (chunked), against every kind
// of door: Better Auth's sign-in, a server action, the ingestion API (with and without a token) and
// the upload route. Each must be refused (413, or 401 before the body is read) while it streams: the
// server stays up and its memory stays within +150 MB of what it used before.

const TOTAL = 200 * MB;
let app: RunningApp;
let coordinatorCookie: string;
let apiSecret: string;

beforeAll(async () => {
  app = await startApp("server", SERVER_URL, 3330);
  coordinatorCookie = await signInCookie(app.baseUrl, "koordinator@koege.test", PASSWORD);
  const database = openDatabase({ kind: "server", url: app.databaseUrl! });
  try {
    const koege = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 }, select: { id: true } });
    const coordinator = await database.prisma.user.findUniqueOrThrow({ where: { email: "koordinator@koege.test" }, select: { id: true } });
    const access = {
      userId: coordinator.id,
      memberships: [{ role: "COORDINATOR", municipalityId: koege.id, unitId: null }],
      leadUnitIds: [],
    };
    apiSecret = (
      await createApiToken(
        { prisma: database.prisma, actorId: coordinator.id, access },
        { municipalityId: koege.id, name: "abuse", unitIds: [] },
      )
    ).secret;
  } finally {
    await database.close();
  }
}, 180_000);
afterAll(async () => app?.stop());

interface Door {
  name: string;
  path: string;
  headers: () => Record<string, string>;
  /** Statuses that mean "refused before reading it all". */
  refused: number[];
}

const doors: Door[] = [
  { name: "sign-in (Better Auth)", path: "/api/auth/sign-in/email", headers: () => ({ origin: app.baseUrl }), refused: [413] },
  {
    name: "server action (login form)",
    path: "/login",
    headers: () => ({ origin: app.baseUrl, "next-action": actionId("signInAction"), "content-type": "text/plain;charset=UTF-8" }),
    refused: [413, 411],
  },
  { name: "ingestion API without token", path: "/api/v1/registrations", headers: () => ({}), refused: [401] },
  {
    name: "ingestion API with token",
    path: "/api/v1/registrations",
    headers: () => ({ authorization: `Bearer ${apiSecret}` }),
    refused: [413],
  },
  {
    name: "upload",
    path: "/api/uploads",
    headers: () => ({ origin: app.baseUrl, cookie: coordinatorCookie, "content-type": "multipart/form-data; boundary=x" }),
    refused: [413],
  },
];

describe("oversized bodies", () => {
  for (const door of doors) {
    for (const withLength of [true, false]) {
      it(
        `${door.name}, ${withLength ? "with" : "without"} Content-Length: refused, server up, memory flat`,
        { timeout: 180_000 },
        async () => {
          const pid = serverPid(app.pid);
          const before = treeRss(pid);
          const sampler = sampleRss(pid);
          const results = await Promise.all(
            Array.from({ length: 3 }, () =>
              flood(`${app.baseUrl}${door.path}`, { total: TOTAL, withLength, headers: door.headers(), timeoutMs: 90_000 }),
            ),
          );
          const peak = sampler.stop();
          const grewMb = (peak - before) / MB;
          console.log(
            `${door.name} ${withLength ? "CL" : "chunked"}: ${results.map((r) => `${r.status} after ${(r.sent / MB).toFixed(1)} MB`).join(", ")}; RSS +${grewMb.toFixed(0)} MB`,
          );
          // A body announced as over 25 MB is refused by Spor's server before any door sees it.
          const refused = withLength ? [413] : door.refused;
          for (const result of results) {
            expect(result.status, `${result.error ?? ""} ${result.body}`).toBeOneOf(refused);
            expect(result.sent).toBeLessThan(TOTAL);
          }
          expect(await staysUp(app.baseUrl)).toBe(true);
          expect(grewMb).toBeLessThan(150);
        },
      );
    }
  }
});
