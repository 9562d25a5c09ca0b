import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVALID_INPUT_MESSAGE } from "@/lib/actions/database-errors";
import { route } from "@/lib/actions/route";
import type { SporDatabase } from "@/lib/database/open";
import { db, getDatabase } from "@/lib/db";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The route wrapper's error mapping (lib/actions/route.ts) for a value that slipped past a handler's
// schema and that the database refuses as data (not a UUID, out of range, an impossible date): 400
// with a Danish message instead of 500, through Prisma and through the raw SQL executor alike.

let database: SporDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
});
afterAll(() => database.close());

const viaPrisma = route({
  method: "GET",
  path: "/test/unit-by-loose-id",
  auth: "public",
  handler: async ({ request }) =>
    Response.json(await db().unit.findFirst({ where: { id: new URL(request.url).searchParams.get("id")! }, select: { id: true } })),
});
const viaSql = route({
  method: "GET",
  path: "/test/sql-by-loose-value",
  auth: "public",
  handler: async ({ request }) => {
    const search = new URL(request.url).searchParams;
    return Response.json(await getDatabase().sql.query(`SELECT $1::${search.get("type")} AS v`, [search.get("v")]));
  },
});

const get = async (handler: typeof viaPrisma, query: string) => {
  const response = await handler(new Request(`http://localhost/test?${query}`), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
};

describe("a value the database refuses as data", () => {
  it("answers 400 in Danish, through Prisma and raw SQL", async () => {
    expect(await get(viaPrisma, `id=${"-".repeat(36)}`)).toEqual({ status: 400, body: { error: INVALID_INPUT_MESSAGE } });
    for (const [type, value] of [
      ["uuid", "not-a-uuid"],
      ["int", "99999999999"],
      ["date", "2026-13-45"],
      ["timestamptz", "2026-02-31T00:00:00Z"],
    ]) {
      expect(await get(viaSql, `type=${type}&v=${value}`), `${type} ${value}`).toEqual({
        status: 400,
        body: { error: INVALID_INPUT_MESSAGE },
      });
    }
  });

  it("still answers the good value", async () => {
    expect(await get(viaPrisma, "id=00000000-0000-0000-0000-000000000000")).toEqual({ status: 200, body: null });
    expect(await get(viaSql, "type=int&v=7")).toEqual({ status: 200, body: [{ v: 7 }] });
  });
});
