import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { setRoundWeeks } from "@/lib/counting/weeks";
import { createFavourite } from "@/lib/registrations/favourites";
import { choiceKeys } from "@/lib/registrations/keys";
import { loadRegistrationScreen } from "@/lib/registrations/queries";
import { importKle } from "@/lib/tasks/kle-import";
import { moveUnitChannel, moveUnitTask, sortByLastRound } from "@/lib/units/order";
import { addUnitTasks, removeUnitTasks, setUnitChannels } from "@/lib/units/setup";
import { addRegistration, adminTestDatabase, taskId } from "@/tests/helpers/admin";

// A unit's keys are a contract: the registration screen gives keys in the order the coordinator set,
// and only the coordinator changes it. Tiles show KL's package names, which a KLE import never renames.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);
const REGISTRANT = "medarbejder@koege.test";
const skranke = () => t.unitId(259, "Borgerservice – Skranke");
const screen = async () => (await loadRegistrationScreen(t.prisma, t.userId(REGISTRANT), await skranke()))!;
/** Task number → key, as the screen gives them (Fejlhenvendelse aside: it is always 0). */
const taskKeys = async () => {
  const tasks = (await screen()).tasks.filter((task) => task.number !== "FEJL");
  const keys = choiceKeys(tasks.length);
  return Object.fromEntries(tasks.map((task, i) => [task.number, keys[i]]));
};
const numbers = async () => (await screen()).tasks.map((task) => task.number);

describe("the order of a unit's tasks and channels", () => {
  it("is the stored order, not the usage: registering on the last task moves no key", async () => {
    const before = await taskKeys();
    // The demo's order: Flytning 1, Pas 2, Kørekort 3 …, and the 10th and 11th tasks get letters.
    expect(before["23.05.10"]).toBe("1");
    expect(before["23.09.02"]).toBe("2");
    expect(before["23.05.05"]).toBe("a");
    expect(before["32.42.08"]).toBe("s");
    for (let i = 0; i < 30; i++)
      await addRegistration(t.prisma, { municipalityId: M(), unitId: await skranke(), taskNumber: "32.42.08", channelCode: "PRSNLG" });
    expect(await taskKeys()).toEqual(before);
    expect((await numbers()).at(-1)).toBe("FEJL");
  });

  it("adds new tasks last and keeps the others' keys when one is removed", async () => {
    const ctx = await t.koege();
    const unitId = await skranke();
    const before = await numbers();
    await addUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [await taskId(t.prisma, "02.34.02")] });
    const after = await numbers();
    expect(after.filter((n) => n !== "FEJL")).toEqual([...before.filter((n) => n !== "FEJL"), "02.34.02"]);
    await removeUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [await taskId(t.prisma, "02.34.02")] });
    expect(await numbers()).toEqual(before);
  });

  it("moves a task up or down one place, only when the coordinator does, with an audit entry", async () => {
    const ctx = await t.koege();
    const unitId = await skranke();
    const pas = await taskId(t.prisma, "23.09.02");
    expect(await moveUnitTask(ctx, { municipalityId: M(), unitId, taskId: pas, direction: "up" })).toEqual({ moved: true });
    expect((await numbers()).slice(0, 3)).toEqual(["23.09.02", "23.05.10", "23.09.04"]);
    expect(await moveUnitTask(ctx, { municipalityId: M(), unitId, taskId: pas, direction: "up" })).toEqual({ moved: false });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.tasks.order", unitId }, orderBy: { id: "desc" } });
    expect((audit.before as { order: string[] }).order.slice(0, 2)).toEqual(["23.05.10", "23.09.02"]);
    expect((audit.after as { order: string[] }).order.slice(0, 2)).toEqual(["23.09.02", "23.05.10"]);
    await moveUnitTask(ctx, { municipalityId: M(), unitId, taskId: pas, direction: "down" });
    expect((await numbers()).slice(0, 2)).toEqual(["23.05.10", "23.09.02"]);
    // Another municipality's coordinator cannot, and Fejlhenvendelse has no place to move.
    await expect(moveUnitTask(await t.kbh(), { municipalityId: M(), unitId, taskId: pas, direction: "down" })).rejects.toThrow();
    await expect(
      moveUnitTask(ctx, { municipalityId: M(), unitId, taskId: await taskId(t.prisma, "FEJL"), direction: "up" }),
    ).rejects.toThrow(/tælles ikke/);
  });

  it("moves a channel within its direction, and saving the channels keeps the order of those kept", async () => {
    const ctx = await t.koege();
    const unitId = await skranke();
    const codes = async () => (await screen()).channels.map((c) => c.code);
    expect(await codes()).toEqual(["PRSNLG", "TLFUD", "EMLUD", "DOKUD"]);
    await moveUnitChannel(ctx, { municipalityId: M(), unitId, channelCode: "DOKUD", direction: "up" });
    expect(await codes()).toEqual(["PRSNLG", "TLFUD", "DOKUD", "EMLUD"]);
    // The first outbound channel cannot move above the inbound ones.
    expect(await moveUnitChannel(ctx, { municipalityId: M(), unitId, channelCode: "TLFUD", direction: "up" })).toEqual({ moved: false });
    await setUnitChannels(ctx, { municipalityId: M(), unitId, channelCodes: ["PRSNLG", "TLFUD", "EMLUD", "DOKUD", "TLFIND"] });
    // The list screens order: inbound first; TLFIND is new, so last among the inbound.
    expect(await codes()).toEqual(["PRSNLG", "TLFIND", "TLFUD", "DOKUD", "EMLUD"]);
    await setUnitChannels(ctx, { municipalityId: M(), unitId, channelCodes: ["PRSNLG", "TLFUD", "EMLUD", "DOKUD"] });
    await moveUnitChannel(ctx, { municipalityId: M(), unitId, channelCode: "DOKUD", direction: "down" });
    expect(await codes()).toEqual(["PRSNLG", "TLFUD", "EMLUD", "DOKUD"]);
  });

  it("sorts once by the last ended round's use, screen registrations first, equals keeping their order", async () => {
    const ctx = await t.koege();
    const unitId = await skranke();
    // No ended round yet: nothing to sort by, nothing changes.
    const before = await numbers();
    expect(await sortByLastRound(ctx, { municipalityId: M(), unitId, what: "tasks" })).toEqual({ round: null, changed: false });
    expect(await numbers()).toEqual(before);

    const round = await t.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } });
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: round.id, weeks: ["2013-43", "2013-44", "2013-45"] });
    const inRound = new Date(mondayOfIsoWeek(2013, 44).getTime() + 10 * 3600_000);
    const add = (taskNumber: string, quantity: number, channelCode = "PRSNLG") =>
      addRegistration(t.prisma, { municipalityId: M(), unitId, taskNumber, channelCode, occurredAt: inRound, quantity });
    await add("23.09.04", 5);
    await add("23.05.12", 2, "EMLUD");
    await add("23.05.12", 1, "EMLUD");
    // Outside the round's weeks, and test registrations, do not count.
    await addRegistration(t.prisma, {
      municipalityId: M(),
      unitId,
      taskNumber: "32.42.08",
      occurredAt: new Date(mondayOfIsoWeek(2013, 47).getTime()),
      quantity: 50,
    });
    await addRegistration(t.prisma, {
      municipalityId: M(),
      unitId,
      taskNumber: "23.05.05",
      occurredAt: inRound,
      quantity: 50,
      isTest: true,
    });

    expect(await sortByLastRound(ctx, { municipalityId: M(), unitId, what: "tasks" })).toEqual({ round: "Efterår 2013", changed: true });
    const rest = before.filter((n) => n !== "23.09.04" && n !== "23.05.12");
    expect(await numbers()).toEqual(["23.09.04", "23.05.12", ...rest]);
    expect(await sortByLastRound(ctx, { municipalityId: M(), unitId, what: "channels" })).toEqual({ round: "Efterår 2013", changed: true });
    expect((await screen()).channels.map((c) => c.code)).toEqual(["PRSNLG", "EMLUD", "TLFUD", "DOKUD"]);
    // Written once: later registrations move nothing.
    await add("32.42.08", 100);
    expect(await numbers()).toEqual(["23.09.04", "23.05.12", ...rest]);
  });
});

describe("task names on the tiles", () => {
  const fixture = fs.readFileSync(path.resolve(process.cwd(), "tests/fixtures/kle-mini.xml"), "utf8");
  const renamed = fixture.replace("Anmeldelse af ny adresse", "Flytteanmeldelse").replace("Registrering af borgere", "Folkeregistrering");
  const longAgo = new Date("2001-06-01T12:00:00Z");

  it("are KL's names in the round's package, and a KLE import during a begun round renames no tile", async () => {
    const unitId = await skranke();
    // KLE loaded before any round: KLE's titles land in the task table, the tiles keep KL's names.
    await importKle(t.prisma, fixture, longAgo);
    const tile = async (number: string) => (await screen()).tasks.find((task) => task.number === number)?.title;
    expect(await tile("23.05.10")).toBe("Flytning");
    expect(await tile("23.09.04")).toBe("Kørekort");
    // A KLE group outside the round's package, added to the unit: its tile shows the KLE title.
    await addUnitTasks(await t.koege(), { municipalityId: M(), unitId, taskIds: [await taskId(t.prisma, "23.05")] });
    expect(await tile("23.05")).toBe("Registrering af borgere");

    // KL loads a new KLE while the demo's current round runs.
    const result = await importKle(t.prisma, renamed);
    expect(result.titlesHeld).toBe(1);
    expect(await tile("23.05.10")).toBe("Flytning");
    expect(await tile("23.05")).toBe("Registrering af borgere");
    // The task table has KLE's new title for the package task; the held one waits for the round's end.
    expect((await t.prisma.task.findUniqueOrThrow({ where: { number: "23.05.10" } })).title).toBe("Flytteanmeldelse");
    expect((await t.prisma.task.findUniqueOrThrow({ where: { number: "23.05" } })).title).toBe("Registrering af borgere");

    // After the round has ended, the same file renames it.
    const afterRound = new Date(Date.now() + 35 * 24 * 3600_000);
    expect((await importKle(t.prisma, renamed, afterRound)).titlesHeld).toBe(0);
    expect((await t.prisma.task.findUniqueOrThrow({ where: { number: "23.05" } })).title).toBe("Folkeregistrering");
  });
});

describe("favourites", () => {
  it("refuses a second favourite with the same choices, in Danish", async () => {
    const actor = { id: t.userId(REGISTRANT) };
    const base = {
      unitId: await skranke(),
      channelCode: "TLFUD",
      taskId: await taskId(t.prisma, "23.09.02"),
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
    };
    await createFavourite(t.prisma, actor, { ...base, name: "Pas i telefonen" });
    await expect(createFavourite(t.prisma, actor, { ...base, name: "Pas igen" })).rejects.toThrow(
      'Du har allerede favoritten "Pas i telefonen" med de samme valg.',
    );
    await expect(createFavourite(t.prisma, actor, { ...base, name: "Pas, anden afslutning", closureCode: "HOLD" })).resolves.toMatchObject({
      closureCode: "HOLD",
    });
  });
});

describe("the migration's first order", () => {
  it("is the old 90-day ranking of screen registrations, taken once, Fejlhenvendelse last", async () => {
    const sql = fs.readFileSync(path.resolve(process.cwd(), "prisma/migrations/20261220000000_unit_order/migration.sql"), "utf8");
    const updates = sql
      .split(/;\s*\n/)
      .map((s) => s.replace(/^(--.*\n)+/gm, "").trim())
      .filter((s) => s.startsWith("UPDATE"));
    expect(updates).toHaveLength(2);
    for (const statement of updates) await t.database.sql.query(statement);
    const unitId = await skranke();
    const uses = await t.database.sql.query<{ number: string; uses: string }>(
      `SELECT t.number, COALESCE(SUM(r.quantity) FILTER (WHERE r.source IN ('MANUAL','UNIT_LOGIN') AND r.occurred_at >= now() - interval '90 days'), 0)::text AS uses
       FROM unit_task ut JOIN task t ON t.id = ut.task_id LEFT JOIN registration r ON r.unit_id = ut.unit_id AND r.task_id = ut.task_id
       WHERE ut.unit_id = $1::uuid GROUP BY t.number`,
      [unitId],
    );
    const expected = uses
      .filter((u) => u.number !== "FEJL")
      .sort((a, b) => Number(b.uses) - Number(a.uses) || (a.number < b.number ? -1 : 1))
      .map((u) => u.number);
    expect(await numbers()).toEqual([...expected, "FEJL"]);
    expect((await screen()).channels.map((c) => c.code)).toEqual(["PRSNLG", "TLFUD", "EMLUD", "DOKUD"]);
  });
});
