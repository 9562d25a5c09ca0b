import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importKleFile } from "@/lib/tasks/kle";
import { adminTestDatabase } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const mini = fs.readFileSync(path.resolve(process.cwd(), "tests/fixtures/kle-mini.xml"));
const kleTasks = () => t.prisma.task.count({ where: { source: "KLE" } });

describe("KL loads KLE from the national page", () => {
  it("refuses coordinators and files that are not a KLE-Emneplan, loading nothing", async () => {
    await expect(importKleFile(await t.koege(), mini)).rejects.toThrow("Kun KL kan indlæse KLE.");
    const national = await t.ctx("national@spor.test");
    await expect(importKleFile(national, Buffer.from("<Noget/>"))).rejects.toThrow(
      "Filen er ikke en KLE-Emneplan (rodelementet <KLE-Emneplan> mangler). Intet er indlæst.",
    );
    await expect(importKleFile(national, Buffer.from("PK\u0003\u0004zip"))).rejects.toThrow(/Excel- eller zip-fil.*Intet er indlæst/);
    expect(await kleTasks()).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { action: "kle.import" } })).toBe(0);
  });

  it("loads the plan for national staff and logs the import with its publication date", async () => {
    const result = await importKleFile(await t.ctx("national@spor.test"), mini);
    expect(result).toMatchObject({ publishedOn: "2026-02-01", byLevel: { HOVEDGRUPPE: 3, GRUPPE: 5, EMNE: 9 } });
    expect(await kleTasks()).toBe(17);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: "kle.import" },
      select: { after: true, municipalityId: true },
    });
    expect(event).toMatchObject({ municipalityId: null, after: { publishedOn: "2026-02-01" } });
  });
});
