import crypto from "node:crypto";
import type { Access } from "@/lib/auth/access";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";

// Crafted data for the report tests. Every expected figure in reports.test.ts is computed by hand
// from the rows below (see the comments there).

export interface Fixture {
  m: { a: string; b: string };
  unit: Record<"a1" | "a1a" | "a2" | "b1", string>;
  tasks: Record<string, string>;
  access: Record<"national" | "coordA" | "coordB" | "leadA1", Access>;
}

type Row = [
  unit: keyof Fixture["unit"],
  task: string,
  channel: string,
  type: string | null,
  closure: string | null,
  form: boolean | null,
  qty: number,
  date: string,
  hour: number,
  extra?: { isTest?: boolean; outside?: boolean; source?: string },
];

export const ROWS: Row[] = [
  ["a1", "90.01.01", "SLVBTJN", "OPRET", null, null, 30, "2026-10-20", 10, { source: "UPLOAD" }], // 1
  ["a1", "90.01.01", "PRSNLG", "OPRET", "STRAKS", true, 5, "2026-10-20", 10], // 2
  ["a1a", "90.01.01", "TLFIND", "STATUS", "HOLD", null, 5, "2026-10-21", 9], // 3
  ["a1a", "90.01.01", "TLFIND", "INFO", "STRAKS", null, 10, "2026-10-21", 9], // 4
  ["a2", "90.01.02", "TLFIND", "VEJL", "STRAKS", null, 4, "2026-10-22", 14], // 5
  ["a2", "90.01.02", "EMLUD", "INFO", "HOLD", false, 2, "2026-10-22", 14], // 6 outbound
  ["a2", "90.01.03", "BRGDK", "STATUS", null, null, 6, "2026-10-26", 11], // 7 week 44
  ["a2", "90.01.03", "PPRIND", "OPRET", "HOLD", true, 4, "2026-10-26", 11], // 8
  ["a1", "90.01.01", "PRSNLG", "OPRET", "STRAKS", true, 100, "2026-10-20", 12, { isTest: true }], // 9 test
  ["a1", "90.01.01", "TLFIND", "OPRET", "STRAKS", null, 50, "2026-10-20", 13, { outside: true }], // 10 outside
  ["a1", "90.01.03", "MGRUD", "INFO", null, null, 7, "2026-11-03", 8], // 11 outbound-only channel, week 45
  ["b1", "90.01.01", "SLVBTJN", "OPRET", null, null, 8, "2026-10-20", 10], // 12
  ["b1", "90.01.01", "PRSNLG", "OPRET", "STRAKS", false, 2, "2026-10-20", 12], // 13
  // Earlier round (2026 weeks 17–19): T1 1 of 4 self-service.
  ["a1", "90.01.01", "SLVBTJN", "OPRET", null, null, 1, "2026-04-21", 10],
  ["a1", "90.01.01", "PRSNLG", "OPRET", "STRAKS", null, 3, "2026-04-21", 10],
  // A round over the turn of the year: week 53 of 2026 and week 1 of 2027.
  ["a2", "90.01.01", "SLVBTJN", "OPRET", null, null, 3, "2026-12-29", 10],
  ["a2", "90.01.01", "TLFIND", "STATUS", "STRAKS", null, 1, "2027-01-05", 10],
];

export async function loadFixture(database: SporDatabase): Promise<Fixture> {
  const p = database.prisma;
  const a = await p.municipality.create({ data: { number: 901, name: "Testby" } });
  const b = await p.municipality.create({ data: { number: 902, name: "Andeby" } });
  const a1 = await p.unit.create({ data: { municipalityId: a.id, name: "A Borgerservice" } });
  const a1a = await p.unit.create({ data: { municipalityId: a.id, name: "A Telefon", parentId: a1.id } });
  const a2 = await p.unit.create({ data: { municipalityId: a.id, name: "A Teknik" } });
  const b1 = await p.unit.create({ data: { municipalityId: b.id, name: "B Borgerservice" } });
  const unit = { a1: a1.id, a1a: a1a.id, a2: a2.id, b1: b1.id };
  const tasks: Record<string, string> = {};
  for (const [number, title] of [
    ["90.01.01", "Opgave ét"],
    ["90.01.02", "Opgave to"],
    ["90.01.03", "Opgave tre"],
  ]) {
    tasks[number] = (await p.task.create({ data: { number, title, level: "EMNE", source: "KLE" } })).id;
  }
  const round = (code: string, isoYear: number, firstWeek: number, weekCount: number) =>
    p.countingRound.create({ data: { code, name: code, startsOn: mondayOfIsoWeek(isoYear, firstWeek), isoYear, firstWeek, weekCount } });
  await round("t-2026-17", 2026, 17, 3);
  await round("t-2026-43", 2026, 43, 3);
  await round("t-2026-53", 2026, 53, 2);
  await p.channelPrice.create({ data: { channelCode: "TLFIND", municipalityId: a.id, priceOre: 4000 } });
  const ids = { m: { a: a.id, b: b.id }, unit, tasks };
  await p.registration.createMany({ data: ROWS.map((row) => registrationOf(row, ids)) });
  const access = (memberships: Access["memberships"], leadUnitIds: string[] = []): Access => ({
    userId: "test-user",
    memberships,
    leadUnitIds,
  });
  return {
    ...ids,
    access: {
      national: access([{ role: "NATIONAL", municipalityId: null, unitId: null }]),
      coordA: access([{ role: "COORDINATOR", municipalityId: a.id, unitId: null }]),
      coordB: access([{ role: "COORDINATOR", municipalityId: b.id, unitId: null }]),
      leadA1: access([{ role: "UNIT_LEAD", municipalityId: a.id, unitId: a1.id }], [a1.id, a1a.id]),
    },
  };
}

/** One fixture row as a registration of the fixture's municipalities, units and tasks (a fresh id each call). */
export function registrationOf(
  [u, task, channel, type, closure, form, quantity, date, hour, extra]: Row,
  ids: Pick<Fixture, "m" | "unit" | "tasks">,
) {
  const occurredAt = instantAt(parseIsoDate(date), hour, 15);
  const week = isoWeekOf(occurredAt);
  return {
    id: crypto.randomUUID(),
    municipalityId: u === "b1" ? ids.m.b : ids.m.a,
    unitId: ids.unit[u],
    taskId: ids.tasks[task],
    channelCode: channel,
    contactTypeCode: type,
    closureCode: closure,
    form,
    quantity,
    occurredAt,
    isoYear: week.isoYear,
    isoWeek: week.isoWeek,
    source: (extra?.source ?? "MANUAL") as "MANUAL",
    isTest: extra?.isTest ?? false,
    inCountingWeek: !extra?.outside,
  };
}
