import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { loadAccess } from "@/lib/auth/load-access";
import { isoWeekOf, parseIsoDate } from "@/lib/counting/iso-week";
import { danishInstant } from "@/lib/exchange/local-time";
import { hourLabel } from "@/lib/reports/coverage-hours";
import { runReport } from "@/lib/reports/run";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// «Dækning» per hour (issue 16) on crafted data, against a computation by hand in plain TypeScript:
// hourly reference counts for two units and for the whole municipality, registrations with quantities
// > 1 in and around those hours, a date-only registration that has no hour, a reference count of 0
// ("–"), and a daily count that stays out of the hourly table. Tuesday 11 March 2025 holds no demo data.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const DAY = "2025-03-11";
const TELEFON = "Borgerservice – Telefon";
const SKRANKE = "Borgerservice – Skranke";
const units: Record<string, string> = {};

interface Ref {
  unit: string | null;
  hour: number | null;
  channel: string;
  kind: "ANSWERED_CALLS" | "VISITS_SERVED";
  count: number;
}
const REFS: Ref[] = [
  { unit: TELEFON, hour: 9, channel: "TLFIND", kind: "ANSWERED_CALLS", count: 10 },
  { unit: TELEFON, hour: 10, channel: "TLFIND", kind: "ANSWERED_CALLS", count: 8 },
  { unit: TELEFON, hour: 11, channel: "TLFIND", kind: "ANSWERED_CALLS", count: 0 },
  { unit: SKRANKE, hour: 13, channel: "PRSNLG", kind: "VISITS_SERVED", count: 4 },
  { unit: null, hour: 9, channel: "TLFIND", kind: "ANSWERED_CALLS", count: 30 },
  // A daily count: in the daily table, not in the hourly one.
  { unit: SKRANKE, hour: null, channel: "TLFIND", kind: "ANSWERED_CALLS", count: 20 },
];

interface Reg {
  unit: string;
  channel: string;
  hour: number;
  minute: number;
  quantity: number;
  precision?: "TIME" | "DATE";
}
const REGS: Reg[] = [
  { unit: TELEFON, channel: "TLFIND", hour: 9, minute: 15, quantity: 3 },
  { unit: TELEFON, channel: "TLFIND", hour: 9, minute: 40, quantity: 4 },
  { unit: TELEFON, channel: "TLFIND", hour: 8, minute: 59, quantity: 9 },
  { unit: TELEFON, channel: "TLFIND", hour: 10, minute: 5, quantity: 8 },
  { unit: TELEFON, channel: "TLFIND", hour: 11, minute: 30, quantity: 2 },
  { unit: SKRANKE, channel: "TLFIND", hour: 9, minute: 20, quantity: 5 },
  { unit: SKRANKE, channel: "PRSNLG", hour: 13, minute: 10, quantity: 1 },
  // A date-only upload at 00:00: it has no hour.
  { unit: SKRANKE, channel: "PRSNLG", hour: 0, minute: 0, quantity: 6, precision: "DATE" },
];

beforeAll(async () => {
  t = await adminTestDatabase();
  const koege = t.municipalityId(259);
  for (const name of [TELEFON, SKRANKE]) units[name] = await t.unitId(259, name);
  const batch = await t.prisma.importBatch.create({ data: { municipalityId: koege, kind: "REFERENCE_UPLOAD", rowCount: REFS.length } });
  await t.prisma.referenceCount.createMany({
    data: REFS.map((r) => ({
      municipalityId: koege,
      unitId: r.unit ? units[r.unit] : null,
      day: parseIsoDate(DAY),
      hour: r.hour,
      channelCode: r.channel,
      kind: r.kind,
      count: r.count,
      batchId: batch.id,
    })),
  });
  const fejl = await taskId(t.prisma, "FEJL");
  await t.prisma.registration.createMany({
    data: REGS.map((r) => {
      const occurredAt = new Date(danishInstant(parseIsoDate(DAY), r.hour).getTime() + r.minute * 60_000);
      return {
        id: crypto.randomUUID(),
        municipalityId: koege,
        unitId: units[r.unit],
        taskId: fejl,
        channelCode: r.channel,
        contactTypeCode: "FEJL",
        closureCode: "STRAKS",
        quantity: r.quantity,
        occurredAt,
        ...isoWeekOf(occurredAt),
        timePrecision: r.precision ?? "TIME",
        source: "MANUAL" as const,
      };
    }),
  });
});
afterAll(() => t.database.close());

const CHANNEL_NAMES: Record<string, string> = { TLFIND: "Telefon ind", PRSNLG: "Personligt fremmøde ind" };
const timed = REGS.filter((r) => (r.precision ?? "TIME") === "TIME");
const registered = (unit: string | null, hour: number, channel: string) =>
  timed.filter((r) => (unit === null || r.unit === unit) && r.hour === hour && r.channel === channel).reduce((s, r) => s + r.quantity, 0);

/** The expected rows, by hand: each hourly reference count against the registrations of its hour. */
function expected(perMunicipality: boolean) {
  const hourly = REFS.filter((r) => r.hour !== null);
  const slots = perMunicipality
    ? // KL: the municipality-wide count of an hour wins over its units' counts.
      [...new Set(hourly.map((r) => `${r.hour}|${r.channel}`))].map((slot) => {
        const [hour, channel] = [Number(slot.split("|")[0]), slot.split("|")[1]];
        const mine = hourly.filter((r) => r.hour === hour && r.channel === channel);
        const whole = mine.filter((r) => r.unit === null);
        return { label: "Køge", unit: null, hour, channel, reference: (whole.length ? whole : mine).reduce((s, r) => s + r.count, 0) };
      })
    : hourly.map((r) => ({ label: r.unit ?? "Hele kommunen", unit: r.unit, hour: r.hour!, channel: r.channel, reference: r.count }));
  return slots.map((s) => {
    const reg = registered(s.unit, s.hour, s.channel);
    const coverage = s.reference > 0 ? reg / s.reference : null;
    return {
      key: `${s.label}|${hourLabel(s.hour)}|${CHANNEL_NAMES[s.channel]}`,
      registered: reg,
      reference: s.reference,
      coverage,
      below: coverage !== null && coverage < 0.8 ? "Under grænsen" : "",
    };
  });
}

async function hourly(access: Access, params: Record<string, string> = {}) {
  const run = await runReport(t.database.sql, access, "daekning", { fra: DAY, til: DAY, udenfor: "1", ...params });
  return run.result.tables.find((x) => x.id === "daekning-time");
}
const keyOf = (r: Record<string, unknown>) => `${r.label}|${r.hour}|${r.channel}`;

describe("Dækning per hour", () => {
  it("has each hourly reference count of the unit (or the whole municipality) against the registrations of that hour", async () => {
    const table = (await hourly(await loadAccess(t.prisma, t.userId("koordinator@koege.test")), { kommune: "259" }))!;
    const want = expected(false);
    expect(table.rows.map(keyOf).sort()).toEqual(want.map((w) => w.key).sort());
    for (const w of want) {
      const row = table.rows.find((r) => keyOf(r) === w.key)!;
      expect(row.registered, w.key).toBe(w.registered);
      expect(row.reference, w.key).toBe(w.reference);
      if (w.coverage === null) expect(row.coverage, w.key).toBeNull();
      else expect(row.coverage as number, w.key).toBeCloseTo(w.coverage, 10);
      expect(row.below, w.key).toBe(w.below);
    }
    // Below the threshold first; the hour with a reference of 0 reads "–" and says why.
    const firstOk = table.rows.findIndex((r) => r.below === "");
    expect(table.rows.slice(firstOk).every((r) => r.below === "")).toBe(true);
    expect(table.missing?.coverage).toBe("referencetallet for timen er 0");
    expect(table.rows.find((r) => r.hour === hourLabel(11))!.coverage).toBeNull();
  });

  it("for KL per municipality, the municipality-wide count of an hour winning over its units'", async () => {
    const table = (await hourly(await loadAccess(t.prisma, t.userId("national@spor.test"))))!;
    const want = expected(true);
    const mine = table.rows.filter((r) => String(r.label).startsWith("Køge"));
    expect(mine).toHaveLength(want.length);
    for (const w of want) {
      const row = mine.find((r) => `Køge|${r.hour}|${r.channel}` === w.key)!;
      expect([row.registered, row.reference], w.key).toEqual([w.registered, w.reference]);
    }
  });

  it("a unit lead sees their units' hours only; without hourly counts there is no hourly table", async () => {
    const lead = await loadAccess(t.prisma, t.userId("leder@koege.test"));
    const table = await hourly(lead, { kommune: "259" });
    const allowed = new Set(
      (await t.prisma.unit.findMany({ where: { id: { in: lead.leadUnitIds } }, select: { name: true } })).map((u) => u.name),
    );
    expect((table?.rows ?? []).every((r) => allowed.has(String(r.label)))).toBe(true);
    const coordinator = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    expect(await hourly(coordinator, { kommune: "259", fra: "2025-03-12", til: "2025-03-12" })).toBeUndefined();
  });
});
