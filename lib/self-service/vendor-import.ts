import "server-only";
import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { type Actor, requireNational } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { VendorRow } from "./vendor-rows";

// KL's vendor file becomes one batch per municipality (import_batch, kind VENDOR_FILE) sharing an
// upload_id: each municipality's Data page lists its own part with who supplied it, KL undoes the
// whole upload at once, and a municipality's coordinator can undo only its own part. All or nothing:
// every line must name a municipality in Spor and a KLE task, once per municipality, task, week and
// solution, and nothing already stored from an earlier file. The same rows again are refused as a
// resend (content hash), so a file sent twice counts once.

export interface PlannedVendorRow extends VendorRow {
  municipalityId: string;
  taskId: string;
}

export interface VendorPlan {
  rows: PlannedVendorRow[];
  errors: { line: number; message: string }[];
  /** Per municipality: its number, name, rows and total count (the preview). */
  municipalities: { id: string; number: number; name: string; rows: number; total: number }[];
  contentHash: string;
}

const slotKey = (r: { municipalityId: string; taskId: string; isoYear: number; isoWeek: number; solution: string }) =>
  `${r.municipalityId}|${r.taskId}|${r.isoYear}|${r.isoWeek}|${r.solution.toLowerCase()}`;
const weekText = (r: { isoYear: number; isoWeek: number }) => `${r.isoYear}-W${String(r.isoWeek).padStart(2, "0")}`;

/** SHA-256 of the rows' content, independent of their order and of the solution's case. */
function vendorContentHash(rows: readonly VendorRow[]): string {
  const lines = rows.map((r) => `${r.municipalityNumber}|${r.taskNumber}|${weekText(r)}|${r.count}|${r.solution.toLowerCase()}`).sort();
  return crypto.createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** The upload not undone with the same rows, if any. */
async function earlierUpload(prisma: Pick<PrismaClient, "importBatch">, contentHash: string) {
  return prisma.importBatch.findFirst({
    where: { kind: "VENDOR_FILE", contentHash, undoneAt: null },
    select: { createdAt: true, fileName: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Resolves municipalities and tasks and checks the rows against each other and what is stored. */
export async function planVendorImport(prisma: PrismaClient, rows: readonly VendorRow[]): Promise<VendorPlan> {
  const numbers = [...new Set(rows.map((r) => r.municipalityNumber))];
  const taskNumbers = [...new Set(rows.map((r) => r.taskNumber))];
  const [municipalities, tasks] = await Promise.all([
    prisma.municipality.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true, name: true } }),
    prisma.task.findMany({ where: { number: { in: taskNumbers } }, select: { id: true, number: true } }),
  ]);
  const municipalityByNumber = new Map(municipalities.map((m) => [m.number, m]));
  const taskByNumber = new Map(tasks.map((t) => [t.number, t.id]));
  const errors: VendorPlan["errors"] = [];
  const planned: PlannedVendorRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const municipality = municipalityByNumber.get(row.municipalityNumber);
    const taskId = taskByNumber.get(row.taskNumber);
    const problems = [
      municipality ? null : `Kommunenummeret ${row.municipalityNumber} er ikke en kommune i Spor.`,
      taskId ? null : `Opgaven "${row.taskNumber}" findes ikke i KLE.`,
    ].filter(Boolean);
    if (problems.length) {
      errors.push({ line: row.line, message: problems.join(" ") });
      continue;
    }
    const r = { ...row, municipalityId: municipality!.id, taskId: taskId! };
    const earlier = seen.get(slotKey(r));
    if (earlier !== undefined) {
      errors.push({ line: row.line, message: `Samme kommune, opgave, uge og løsning står også i linje ${earlier}.` });
      continue;
    }
    seen.set(slotKey(r), row.line);
    planned.push(r);
  }

  // Against what earlier files stored: a figure is changed by undoing its upload and sending it again.
  const years = [...new Set(planned.map((r) => r.isoYear))];
  const stored = planned.length
    ? await prisma.selfServiceCount.findMany({
        where: {
          source: "VENDOR",
          municipalityId: { in: [...new Set(planned.map((r) => r.municipalityId))] },
          isoYear: { in: years },
          taskId: { in: [...new Set(planned.map((r) => r.taskId))] },
        },
        select: { municipalityId: true, taskId: true, isoYear: true, isoWeek: true, solution: true },
      })
    : [];
  const storedKeys = new Set(stored.map((s) => slotKey({ ...s, solution: s.solution ?? "" })));
  const fresh = planned.filter((r) => {
    if (!storedKeys.has(slotKey(r))) return true;
    errors.push({
      line: r.line,
      message: `Der er allerede leverandørdata fra ${r.solution} for kommune ${r.municipalityNumber}, opgave ${r.taskNumber} i uge ${weekText(r)}. Fortryd den tidligere indlæsning først, hvis tallet skal rettes.`,
    });
    return false;
  });
  // Approved data is frozen (the database refuses it too): said per line rather than as one refusal.
  const approved = fresh.length
    ? await prisma.$queryRaw<{ municipality_id: string; week_key: number }[]>`
        SELECT municipality_id::text, week_key FROM approved_week WHERE municipality_id = ANY(${[...new Set(fresh.map((r) => r.municipalityId))]}::uuid[])`
    : [];
  const frozen = new Set(approved.map((a) => `${a.municipality_id}|${Number(a.week_key)}`));
  const open = fresh.filter((r) => {
    if (!frozen.has(`${r.municipalityId}|${r.isoYear * 100 + r.isoWeek}`)) return true;
    errors.push({
      line: r.line,
      message: `Kommune ${r.municipalityNumber} har godkendt og låst sine data for uge ${weekText(r)}; kommunens tovholder skal genåbne runden, før tallet kan indlæses.`,
    });
    return false;
  });
  errors.sort((a, b) => a.line - b.line);
  const perMunicipality = new Map<string, VendorPlan["municipalities"][number]>();
  for (const r of open) {
    const m = municipalityByNumber.get(r.municipalityNumber)!;
    const entry = perMunicipality.get(m.id) ?? { id: m.id, number: m.number, name: m.name, rows: 0, total: 0 };
    entry.rows += 1;
    entry.total += r.count;
    perMunicipality.set(m.id, entry);
  }
  return {
    rows: open,
    errors,
    municipalities: [...perMunicipality.values()].sort((a, b) => a.number - b.number),
    contentHash: vendorContentHash(rows),
  };
}

/** The same rows were uploaded before and not undone: nothing is written (a resend counts once). */
export async function vendorResendMessage(prisma: PrismaClient, plan: VendorPlan): Promise<string | null> {
  const earlier = await earlierUpload(prisma, plan.contentHash);
  if (!earlier) return null;
  const when = earlier.createdAt.toLocaleString("da-DK", { timeZone: "Europe/Copenhagen", dateStyle: "long", timeStyle: "short" });
  return `Filen${earlier.fileName ? ` «${earlier.fileName}»` : ""} med de samme rækker blev indlæst ${when}. Intet er gemt igen.`;
}

/** Writes a plan without errors: one batch per municipality under one upload id, audit-logged. */
export async function commitVendorImport(
  prisma: PrismaClient,
  actor: Actor,
  plan: VendorPlan,
  options: { fileName: string | null; ip?: string | null },
): Promise<{ uploadId: string; municipalities: number; rows: number; total: number }> {
  requireNational(actor.access);
  if (plan.errors.length) throw new UserFacingError("Filen har fejl. Intet er gemt.", 422);
  if (!plan.rows.length) throw new UserFacingError("Filen har ingen rækker.", 422);
  const uploadId = crypto.randomUUID();
  await prisma.$transaction(async (tx) => {
    // Checked again inside the transaction: two sends of the same file at once store it once.
    if (await earlierUpload(tx, plan.contentHash))
      throw new UserFacingError("Filen med de samme rækker er allerede indlæst. Intet er gemt igen.", 409);
    for (const m of plan.municipalities) {
      const rows = plan.rows.filter((r) => r.municipalityId === m.id);
      const batch = await tx.importBatch.create({
        data: {
          municipalityId: m.id,
          createdById: actor.id,
          kind: "VENDOR_FILE",
          fileName: options.fileName,
          rowCount: rows.length,
          totalQuantity: m.total,
          contentHash: plan.contentHash,
          uploadId,
        },
        select: { id: true },
      });
      await tx.selfServiceCount.createMany({
        data: rows.map((r) => ({
          municipalityId: m.id,
          taskId: r.taskId,
          isoYear: r.isoYear,
          isoWeek: r.isoWeek,
          count: r.count,
          source: "VENDOR" as const,
          solution: r.solution,
          batchId: batch.id,
        })),
      });
      await recordAudit(tx, {
        actorUserId: actor.id,
        ip: options.ip ?? null,
        municipalityId: m.id,
        action: "selfservice.vendor.import",
        entityType: "import_batch",
        entityId: batch.id,
        after: { uploadId, fileName: options.fileName, rowCount: rows.length, totalQuantity: m.total },
      });
    }
  });
  return {
    uploadId,
    municipalities: plan.municipalities.length,
    rows: plan.rows.length,
    total: plan.rows.reduce((s, r) => s + r.count, 0),
  };
}

/** KL undoes a whole upload: every municipality's part of it, in one transaction. */
export async function undoVendorUpload(prisma: PrismaClient, actor: Actor, uploadId: string, ip: string | null = null) {
  requireNational(actor.access);
  return prisma.$transaction(async (tx) => {
    const batches = await tx.importBatch.findMany({
      where: { uploadId, kind: "VENDOR_FILE", undoneAt: null },
      select: { id: true, municipalityId: true, fileName: true, rowCount: true, totalQuantity: true },
    });
    if (!batches.length) throw new UserFacingError("Indlæsningen findes ikke, eller den er allerede fortrudt.", 404);
    const ids = batches.map((b) => b.id);
    const { count } = await tx.selfServiceCount.deleteMany({ where: { batchId: { in: ids } } });
    await tx.importBatch.updateMany({ where: { id: { in: ids } }, data: { undoneAt: new Date() } });
    for (const b of batches) {
      await recordAudit(tx, {
        actorUserId: actor.id,
        ip,
        municipalityId: b.municipalityId,
        action: "batch.undo",
        entityType: "import_batch",
        entityId: b.id,
        before: { kind: "VENDOR_FILE", uploadId, fileName: b.fileName, rowCount: b.rowCount, totalQuantity: b.totalQuantity },
      });
    }
    return { municipalities: batches.length, counts: count };
  });
}
