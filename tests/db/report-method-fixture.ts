import crypto from "node:crypto";
import type { Access } from "@/lib/auth/access";
import { instantAt, isoWeekOf, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";

// Crafted data for the method's bases (docs/method.md, "Bases"), stored as recorded — not as the
// importers would normalise it — so the reports' own rules are what is tested: a municipality (903)
// counting in round m-2026-47 (weeks 47–48) and earlier in m-2026-37 (weeks 37–38), with telephone
// rows that say "no form", web visits "closed at once", self-service counts without a type,
// Fejlhenvendelse both as a type on real tasks and as the task, a KLE group (91.01) with its emner,
// measured and unmeasured times, rows without a time of day or a weekday, test rows and rows outside
// the weeks. report-method.test.ts computes every figure from these rows in plain TypeScript.

export type Precision = "TIME" | "DATE" | "WEEK";
export type Source = "MANUAL" | "UPLOAD" | "MASS" | "LEGACY_IMPORT";

export interface MethodRow {
  id: string;
  unit: "c1" | "c2";
  task: string;
  channel: string;
  type: string | null;
  closure: string | null;
  form: boolean | null;
  quantity: number;
  occurredAt: Date;
  isoYear: number;
  isoWeek: number;
  source: Source;
  precision: Precision;
  startedAt: Date | null;
  endedAt: Date | null;
  measured: boolean;
  isTest: boolean;
  inCountingWeek: boolean;
}

export const TASKS: [number: string, title: string, level: "GRUPPE" | "EMNE"][] = [
  ["91.01", "Gruppe ni-et", "GRUPPE"],
  ["91.01.00", "Emne ni-et-nul", "EMNE"],
  ["91.01.05", "Emne ni-et-fem", "EMNE"],
  ["91.02.03", "Emne ni-to-tre", "EMNE"],
];
/** KL's package: the order and names KL used; 91.09.09 has no data; 91.02.03 is removed (left out). */
export const PACKAGE: [number: string, title: string, removed: boolean][] = [
  ["91.01.05", "KL: Ansøgning fem", false],
  ["91.01", "KL: Hele gruppen", false],
  ["91.09.09", "KL: Uden data", false],
  ["91.02.03", "KL: Udgået", true],
];
const CHANNELS = ["TLFIND", "TLFUD", "PRSNLG", "EMLIND", "WEB", "SLVBTJN", "BRGDK", "MGRUD", "PPRIND"];
const TYPES = ["OPRET", "STATUS", "INFO", "VEJL", "FEJL", null, "OPRET"];
const CLOSURES = ["STRAKS", "HOLD", null, "STRAKS"];
const FORMS = [true, false, null, false];
const SOURCES: Source[] = ["MANUAL", "MANUAL", "UPLOAD", "LEGACY_IMPORT", "MASS"];

/** A deterministic generator (Park–Miller, exact in doubles). */
function random(seed: number) {
  let s = seed;
  return <T>(list: readonly T[]): T => list[(s = (s * 48271) % 2147483647) % list.length];
}

function rows(): MethodRow[] {
  const pick = random(11);
  const out: MethodRow[] = [];
  const add = (round: { monday: Date }, n: number) => {
    for (let i = 0; i < n; i++) {
      const source = pick(SOURCES);
      const day = new Date(round.monday.getTime() + pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) * 86_400_000);
      const precision: Precision = source === "UPLOAD" ? "DATE" : source === "MASS" ? pick(["DATE", "WEEK"] as const) : "TIME";
      const occurredAt =
        precision === "TIME"
          ? instantAt(day, pick([7, 8, 9, 10, 11, 12, 13, 14, 16, 23]), pick([0, 5, 17, 42, 59]))
          : instantAt(day, precision === "DATE" && source === "UPLOAD" ? 0 : 12);
      const channel = pick(CHANNELS);
      // Uploaded self-service counts often have no type (the old template allowed it).
      const type = source === "UPLOAD" && ["SLVBTJN", "BRGDK"].includes(channel) ? pick([null, null, "OPRET"]) : pick(TYPES);
      const timedRow = (source === "MANUAL" || source === "LEGACY_IMPORT") && pick([true, false]);
      const seconds = pick([20, 45, 61.5, 90, 90.4, 130, 300, 599.5, 900]);
      const week = isoWeekOf(occurredAt);
      const unit = pick(["c1", "c2"] as const);
      out.push({
        id: crypto.randomUUID(),
        unit,
        task: pick(["91.01", "91.01.00", "91.01.05", "91.01.05", "91.02.03", "FEJL"]),
        channel,
        type,
        closure: pick(CLOSURES),
        form: pick(FORMS),
        quantity: source === "MASS" ? pick([5, 12, 40]) : pick([1, 1, 1, 2]),
        occurredAt,
        isoYear: week.isoYear,
        isoWeek: week.isoWeek,
        source,
        precision,
        startedAt: timedRow ? new Date(occurredAt.getTime() - seconds * 1000) : null,
        endedAt: timedRow ? occurredAt : null,
        // Spor's timer is measured; of the old units only c1 measured time.
        measured: source === "MANUAL" || unit === "c1",
        isTest: pick([false, false, false, false, false, false, false, false, false, true]),
        inCountingWeek: pick([true, true, true, true, true, true, true, true, true, false]),
      });
    }
  };
  add({ monday: mondayOfIsoWeek(2026, 47) }, 260);
  add({ monday: mondayOfIsoWeek(2026, 37) }, 90);
  return out;
}

export const METHOD_ROWS: MethodRow[] = rows();

export interface MethodFixture {
  municipalityId: string;
  units: Record<"c1" | "c2", string>;
  taskIds: Map<string, string>;
  fejlId: string;
  access: { national: Access; coordinator: Access };
}

export async function loadMethodFixture(database: SporDatabase): Promise<MethodFixture> {
  const p = database.prisma;
  const m = await p.municipality.create({ data: { number: 903, name: "Metodeby" } });
  const c1 = await p.unit.create({ data: { municipalityId: m.id, name: "C Borgerservice" } });
  const c2 = await p.unit.create({ data: { municipalityId: m.id, name: "C Telefon" } });
  const taskIds = new Map<string, string>();
  for (const [number, title, level] of [...TASKS, ["91.09.09", "Emne uden data", "EMNE"] as const]) {
    taskIds.set(number, (await p.task.create({ data: { number, title, level, source: "KLE" } })).id);
  }
  const fejl = await p.task.findUniqueOrThrow({ where: { number: "FEJL" } });
  taskIds.set("FEJL", fejl.id);
  const pkg = await p.taskPackage.create({ data: { code: "m-pakke", name: "Metodepakken" } });
  for (const [i, [number, title, removed]] of PACKAGE.entries()) {
    await p.taskPackageItem.create({
      data: { packageId: pkg.id, taskId: taskIds.get(number)!, title, obligatory: true, removed, sortOrder: (i + 1) * 10 },
    });
  }
  const round = (code: string, isoYear: number, firstWeek: number) =>
    p.countingRound.create({
      data: { code, name: code, startsOn: mondayOfIsoWeek(isoYear, firstWeek), isoYear, firstWeek, weekCount: 2, packageId: pkg.id },
    });
  await round("m-2026-37", 2026, 37);
  await round("m-2026-47", 2026, 47);
  const units = { c1: c1.id, c2: c2.id };
  await p.registration.createMany({
    data: METHOD_ROWS.map((r) => ({
      id: r.id,
      municipalityId: m.id,
      unitId: units[r.unit],
      taskId: taskIds.get(r.task)!,
      channelCode: r.channel,
      contactTypeCode: r.type,
      closureCode: r.closure,
      form: r.form,
      quantity: r.quantity,
      occurredAt: r.occurredAt,
      isoYear: r.isoYear,
      isoWeek: r.isoWeek,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      measuredTime: r.measured,
      timePrecision: r.precision,
      source: r.source,
      isTest: r.isTest,
      inCountingWeek: r.inCountingWeek,
    })),
  });
  const access = (memberships: Access["memberships"]): Access => ({ userId: "test-user", memberships, leadUnitIds: [] });
  return {
    municipalityId: m.id,
    units,
    taskIds,
    fejlId: fejl.id,
    access: {
      national: access([{ role: "NATIONAL", municipalityId: null, unitId: null }]),
      coordinator: access([{ role: "COORDINATOR", municipalityId: m.id, unitId: null }]),
    },
  };
}
