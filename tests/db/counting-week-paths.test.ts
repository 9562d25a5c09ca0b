import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveUnitLogin } from "@/lib/units/unit-login";
import { addLocalPeriod, deleteLocalPeriod, setRoundWeeks } from "@/lib/counting/weeks";
import { loadAccess } from "@/lib/auth/load-access";
import { addDays, instantAt, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { createMassRegistration } from "@/lib/exchange/mass-registration";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { createRegistration } from "@/lib/registrations/mutations";
import { registrationInputSchema } from "@/lib/registrations/schema";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// The counting-week flag through every write path, at the edges where the UTC date and the
// Copenhagen date differ: the first and last local hours of a local period, the night of a
// daylight-saving change and ISO week 53. Every path must give the answer of the one rule
// (lib/counting/in-counting-week.ts); rows are read back from the database.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let koege: string;
let telefon: string;
let borgerservice: string;
let flytning: string;
let unitLogin: string;
const LATER = new Date("2027-02-01T12:00:00Z");

// Calendar of the test: local period Monday 2 – Friday 6 March 2026, ISO week 13 of 2026 (the week
// that ends with the spring DST change, Sunday 29 March) and ISO week 53 of 2026.
const EDGES: [string, string, boolean][] = [
  // [instant (UTC), the same in Copenhagen, inside?]
  ["2026-03-01T22:50:00Z", "01-03-2026 23:50", false],
  ["2026-03-01T23:15:00Z", "02-03-2026 00:15", true],
  ["2026-03-06T22:45:00Z", "06-03-2026 23:45", true],
  ["2026-03-06T23:10:00Z", "07-03-2026 00:10", false],
  ["2026-03-22T22:59:00Z", "22-03-2026 23:59", false], // Sunday of week 12 (CET)
  ["2026-03-29T01:30:00Z", "29-03-2026 03:30", true], // just after the clocks went forward
  ["2026-03-29T21:59:00Z", "29-03-2026 23:59", true], // Sunday of week 13, CEST
  ["2026-03-29T22:00:00Z", "30-03-2026 00:00", false], // Monday of week 14
  ["2026-12-31T23:30:00Z", "01-01-2027 00:30", true], // week 53 of 2026
  ["2027-01-03T23:00:00Z", "04-01-2027 00:00", false], // week 1 of 2027
];
const expected = EDGES.map(([, , inside]) => inside);

const flags = async (ids: string[]) => {
  const rows = await t.prisma.registration.findMany({ where: { id: { in: ids } }, select: { id: true, inCountingWeek: true } });
  return ids.map((id) => rows.find((r) => r.id === id)!.inCountingWeek);
};
const batchFlags = async (batchId: string) =>
  (await t.prisma.registration.findMany({ where: { batchId }, select: { inCountingWeek: true }, orderBy: { fileLine: "asc" } })).map(
    (r) => r.inCountingWeek,
  );

beforeAll(async () => {
  t = await adminTestDatabase();
  koege = t.municipalityId(259);
  telefon = await t.unitId(259, "Borgerservice – Telefon");
  borgerservice = await t.unitId(259, "Borgerservice");
  flytning = await taskId(t.prisma, "23.05.10");
  await t.prisma.municipalityCountingWeek.deleteMany({ where: { municipalityId: koege } });
  await t.prisma.localCountingPeriod.deleteMany({ where: { municipalityId: koege } });
  await t.prisma.localCountingPeriod.create({
    data: { municipalityId: koege, name: "Marts", startsOn: new Date("2026-03-02"), endsOn: new Date("2026-03-06") },
  });
  await t.prisma.municipalityCountingWeek.createMany({
    data: [
      { municipalityId: koege, isoYear: 2026, isoWeek: 13 },
      { municipalityId: koege, isoYear: 2026, isoWeek: 53 },
    ],
  });
  await saveUnitLogin(await t.koege(), { municipalityId: koege, unitId: telefon, login: "skranke-telefon@koege.test" });
  unitLogin = (await t.prisma.user.findUniqueOrThrow({ where: { email: "skranke-telefon@koege.test" }, select: { id: true } })).id;
});
afterAll(() => t.database.close());

describe("the counting-week flag on every write path", () => {
  it("registration screen, personal account and shared unit login", async () => {
    for (const userId of [t.userId("medarbejder@koege.test"), unitLogin]) {
      const ids: string[] = [];
      for (const [instant] of EDGES) {
        const input = registrationInputSchema.parse({
          id: crypto.randomUUID(),
          unitId: telefon,
          channelCode: "TLFIND",
          taskId: flytning,
          contactTypeCode: "INFO",
          closureCode: "STRAKS",
          form: null,
          occurredAt: instant,
          isTest: false,
        });
        const answer = await createRegistration(t.prisma, { id: userId }, input, new Date(Date.parse(instant) + 60_000));
        expect(answer).toMatchObject({ status: "created", inCountingWeek: expected[ids.length] });
        ids.push(input.id);
      }
      expect(await flags(ids)).toEqual(expected);
    }
  });

  it("Spor CSV upload (Danish times) and an old raw export (Danish times)", async () => {
    const csv = ["kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal"];
    const legacy = ["Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;"];
    for (const [, local] of EDGES) {
      const [date, time] = local.split(" ");
      csv.push(`259;Borgerservice;23.05.10;WEB;;;;${date} ${time};5`);
      legacy.push(`Køge;259;Borgerservice;23.05.10;TLFIND;INFO;STRAKS;;${date} ${time}:00;;;Tracetool;`);
    }
    for (const [kind, lines] of [
      ["csv", csv],
      ["legacy", legacy],
    ] as const) {
      const bytes = Uint8Array.from(lines.map((l) => `${l}\r\n`).join(""), (c) => c.charCodeAt(0));
      const planned = await planFileImport(t.prisma, koege, bytes, kind, { now: LATER });
      expect(planned.plan.errors).toEqual([]);
      // The preview counts with the same rule.
      expect(planned.summary.weeks?.outside.rows).toBe(expected.filter((x) => !x).length);
      const batch = await commitImport(t.prisma, planned.plan, {
        actorUserId: null,
        fileName: `${kind}.csv`,
        ...fileImportOptions(kind, planned, {}),
      });
      planned.plan.close();
      expect(await batchFlags(batch.id), kind).toEqual(expected);
    }
  });

  it("ingestion API (instants with offsets)", async () => {
    const token = { id: crypto.randomUUID(), name: "Kø", municipalityId: koege, municipalityNumber: 259, unitIds: [] };
    await t.prisma.apiToken.create({
      data: { id: token.id, municipalityId: koege, name: token.name, tokenHash: crypto.randomUUID(), prefix: "spor_y" },
    });
    const items = EDGES.map(([instant]) => ({
      id: crypto.randomUUID(),
      unit: "Borgerservice",
      task: "23.05.10",
      channelCode: "WEB",
      occurredAt: instant,
      quantity: 2,
    }));
    expect(await ingestRegistrations(t.prisma, token, items, LATER)).toMatchObject({ status: "stored" });
    expect(await flags(items.map((i) => i.id))).toEqual(expected);
  });

  it("mass registration (dated at noon: a day, or a week's Monday) in and around week 53", async () => {
    const id = t.userId("koordinator@koege.test");
    const actor = { id, access: await loadAccess(t.prisma, id) };
    const base = {
      unitId: borgerservice,
      direction: "IN",
      channelCode: "PPRIND",
      taskId: flytning,
      contactTypeCode: "OPRET",
      closureCode: "STRAKS",
      form: "nej",
      quantity: "7",
    };
    const cases: [Record<string, string>, boolean][] = [
      [{ when: "week", isoYear: "2026", isoWeek: "53" }, true],
      [{ when: "date", date: "2027-01-03" }, true], // Sunday of week 53
      [{ when: "date", date: "2027-01-04" }, false], // Monday of week 1, 2027
      [{ when: "date", date: "2026-12-27" }, false], // Sunday of week 52
      [{ when: "date", date: "2026-03-06" }, true], // the local period's last day
    ];
    for (const [when, inside] of cases) {
      const batch = await createMassRegistration(t.prisma, actor, { ...base, ...when }, LATER);
      expect(await batchFlags(batch.id), JSON.stringify(when)).toEqual([inside]);
    }
  });
});

describe("re-marking after the counting weeks change", () => {
  it("a local period added and removed: the first and last local hours decide, not the UTC dates", async () => {
    const token = { id: crypto.randomUUID(), name: "Kø 2", municipalityId: koege, municipalityNumber: 259, unitIds: [] };
    await t.prisma.apiToken.create({
      data: { id: token.id, municipalityId: koege, name: token.name, tokenHash: crypto.randomUUID(), prefix: "spor_z" },
    });
    // Around Monday 9 – Friday 13 March 2026 (CET, UTC+1).
    const instants = ["2026-03-08T22:50:00Z", "2026-03-08T23:15:00Z", "2026-03-13T22:45:00Z", "2026-03-13T23:10:00Z"];
    const items = instants.map((occurredAt) => ({
      id: crypto.randomUUID(),
      unit: "Borgerservice",
      task: "23.05.10",
      channelCode: "WEB",
      occurredAt,
      quantity: 1,
    }));
    await ingestRegistrations(t.prisma, token, items, LATER);
    const ids = items.map((i) => i.id);
    expect(await flags(ids)).toEqual([false, false, false, false]);
    const { id: periodId } = await addLocalPeriod(await t.koege(), {
      municipalityId: koege,
      name: "Uge 11",
      startsOn: "2026-03-09",
      endsOn: "2026-03-13",
    });
    expect(await flags(ids)).toEqual([false, true, true, false]);
    await deleteLocalPeriod(await t.koege(), { municipalityId: koege, periodId });
    expect(await flags(ids)).toEqual([false, false, false, false]);
  });

  it("a round's weeks chosen: the Monday's first local hour is in, the Sunday's last is out", async () => {
    const round = await t.prisma.countingRound.findFirstOrThrow({ where: { code: { startsWith: "current-" } } });
    const monday = mondayOfIsoWeek(round.isoYear, round.firstWeek);
    const userId = t.userId("medarbejder@koege.test");
    const instants = [instantAt(addDays(monday, -1), 23, 30), instantAt(monday, 0, 30)];
    const ids: string[] = [];
    for (const occurredAt of instants) {
      const input = registrationInputSchema.parse({
        id: crypto.randomUUID(),
        unitId: telefon,
        channelCode: "TLFIND",
        taskId: flytning,
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: null,
        occurredAt: occurredAt.toISOString(),
        isTest: false,
      });
      await createRegistration(t.prisma, { id: userId }, input, new Date(occurredAt.getTime() + 60_000));
      ids.push(input.id);
    }
    expect(await flags(ids)).toEqual([false, false]);
    await setRoundWeeks(await t.koege(), { municipalityId: koege, roundId: round.id, weeks: [`${round.isoYear}-${round.firstWeek}`] });
    expect(await flags(ids)).toEqual([false, true]);
    await setRoundWeeks(await t.koege(), { municipalityId: koege, roundId: round.id, weeks: [] });
    expect(await flags(ids)).toEqual([false, false]);
  });
});
