import "server-only";
import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { findEarlierImport, DuplicateImportError } from "@/lib/exchange/content-hash";
import { loadImportContext } from "@/lib/exchange/import-rows";
import { UserFacingError } from "@/lib/errors";
import type { BatchKind, PrismaClient } from "@/lib/generated/prisma/client";
import type { ReferenceKind } from "@/lib/generated/prisma/enums";
import { REFERENCE_KINDS, type ReferenceRow } from "./reference-rows";

// Reference counts become one batch (import_batch, kind REFERENCE_UPLOAD or REFERENCE_API), so the
// Data page lists them and a coordinator undoes them like any upload (lib/exchange/import-rows.ts,
// undoBatch, deletes a batch's reference counts too). All or nothing: every row must name a unit of
// the municipality (or none, for the whole municipality) and must not say again what is stored —
// one count per unit, day, hour (or whole day), channel and kind, and a day is given either whole or
// by hours, never both, so a figure is never counted twice.

export interface PlannedReferenceRow extends ReferenceRow {
  unitId: string | null;
}

export interface ReferencePlan {
  municipalityId: string;
  rows: PlannedReferenceRow[];
  errors: { line: number; message: string }[];
  /** Rows identical to stored ones (the API acknowledges them instead of storing them again). */
  alreadyStored: PlannedReferenceRow[];
  contentHash: string;
}

const slotKey = (r: { unitId: string | null; day: string; channelCode: string; kind: ReferenceKind }) =>
  `${r.unitId ?? "-"}|${r.day}|${r.channelCode}|${r.kind}`;
const hourLabel = (hour: number | null) => (hour === null ? "hele dagen" : `kl. ${String(hour).padStart(2, "0")}`);

/** SHA-256 of the rows' content, independent of their order and of the unit's spelling. */
function referenceContentHash(rows: readonly PlannedReferenceRow[]): string {
  const lines = rows.map((r) => `${r.unitId ?? ""}|${r.day}|${r.hour ?? ""}|${r.channelCode}|${r.kind}|${r.count}`).sort();
  return crypto.createHash("sha256").update(lines.join("\n")).digest("hex");
}

/**
 * Resolves the rows' units within the municipality and checks them against each other and against
 * the stored reference counts. `identicalIsStored`: a row equal to a stored one is acknowledged
 * (the API's resend); otherwise it is an error like any other overlap.
 */
export async function planReferenceImport(
  prisma: PrismaClient,
  municipalityId: string,
  rows: readonly ReferenceRow[],
  options: { identicalIsStored?: boolean } = {},
): Promise<ReferencePlan> {
  const context = await loadImportContext(prisma, municipalityId, []);
  const errors: { line: number; message: string }[] = [];
  const planned: PlannedReferenceRow[] = [];
  for (const row of rows) {
    let unitId: string | null = null;
    if (row.unit) {
      unitId = context.unitIdByKey.get(row.unit.toLowerCase()) ?? context.unitIdByKey.get(row.unit) ?? null;
      if (!unitId) {
        errors.push({
          line: row.line,
          message: `Enheden "${row.unit}" findes ikke i kommunen. Skriv enhedens navn, eller lad feltet stå tomt for hele kommunen.`,
        });
        continue;
      }
    }
    planned.push({ ...row, unitId });
  }

  // Within the file: one row per slot and hour, and a day either whole or by hours.
  const bySlot = new Map<string, PlannedReferenceRow[]>();
  for (const r of planned) {
    const list = bySlot.get(slotKey(r)) ?? [];
    const clash = list.find((o) => o.hour === r.hour || o.hour === null || r.hour === null);
    if (clash) {
      errors.push({
        line: r.line,
        message:
          clash.hour === r.hour
            ? `Samme enhed, dag, time, kanal og art står også i linje ${clash.line}.`
            : `Dagen er opgivet både for hele dagen og pr. time (linje ${clash.line}); brug det ene.`,
      });
      continue;
    }
    list.push(r);
    bySlot.set(slotKey(r), list);
  }

  // Against what is stored.
  const days = [...new Set(planned.map((r) => r.day))];
  const stored = days.length
    ? await prisma.referenceCount.findMany({
        where: { municipalityId, day: { in: days.map((d) => new Date(`${d}T00:00:00Z`)) } },
        select: { unitId: true, day: true, hour: true, channelCode: true, kind: true, count: true },
      })
    : [];
  const storedBySlot = new Map<string, typeof stored>();
  for (const s of stored) {
    const key = slotKey({ ...s, day: s.day.toISOString().slice(0, 10) });
    storedBySlot.set(key, [...(storedBySlot.get(key) ?? []), s]);
  }
  const alreadyStored: PlannedReferenceRow[] = [];
  const fresh: PlannedReferenceRow[] = [];
  for (const r of planned) {
    const existing = (storedBySlot.get(slotKey(r)) ?? []).find((s) => s.hour === r.hour || s.hour === null || r.hour === null);
    if (!existing) {
      fresh.push(r);
      continue;
    }
    if (options.identicalIsStored && existing.hour === r.hour && existing.count === r.count) {
      alreadyStored.push(r);
      continue;
    }
    errors.push({
      line: r.line,
      message: `Der er allerede et tal for ${REFERENCE_KINDS[r.kind].label} ${r.unit ? `i "${r.unit}"` : "for hele kommunen"} den ${r.day} (${hourLabel(existing.hour)}). Fortryd den indlæsning først, hvis tallet skal rettes.`,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { municipalityId, rows: fresh, errors, alreadyStored, contentHash: referenceContentHash(planned) };
}

export interface ReferenceCommitOptions {
  actorUserId: string | null;
  kind: Extract<BatchKind, "REFERENCE_UPLOAD" | "REFERENCE_API">;
  fileName: string | null;
  apiTokenId?: string | null;
  ip?: string | null;
}

/** Writes a plan without errors as one batch, audit-logged; refuses a file whose rows were imported before. */
export async function commitReferenceImport(prisma: PrismaClient, plan: ReferencePlan, options: ReferenceCommitOptions) {
  if (plan.errors.length) throw new UserFacingError("Referencetallene har fejl. Intet er gemt.", 422);
  return prisma.$transaction(async (tx) => {
    if (options.kind === "REFERENCE_UPLOAD") {
      const earlier = await findEarlierImport(tx, plan.municipalityId, plan.contentHash);
      if (earlier) throw new DuplicateImportError(earlier);
    }
    const total = plan.rows.reduce((sum, r) => sum + r.count, 0);
    const batch = await tx.importBatch.create({
      data: {
        municipalityId: plan.municipalityId,
        createdById: options.actorUserId,
        kind: options.kind,
        fileName: options.fileName,
        rowCount: plan.rows.length,
        totalQuantity: total,
        apiTokenId: options.apiTokenId ?? null,
        contentHash: options.kind === "REFERENCE_UPLOAD" ? plan.contentHash : null,
      },
      select: { id: true, rowCount: true, totalQuantity: true },
    });
    await tx.referenceCount.createMany({
      data: plan.rows.map((r) => ({
        municipalityId: plan.municipalityId,
        unitId: r.unitId,
        day: new Date(`${r.day}T00:00:00Z`),
        hour: r.hour,
        channelCode: r.channelCode,
        kind: r.kind,
        count: r.count,
        batchId: batch.id,
      })),
    });
    await recordAudit(tx, {
      actorUserId: options.actorUserId,
      ip: options.ip ?? null,
      municipalityId: plan.municipalityId,
      action: "reference.import",
      entityType: "import_batch",
      entityId: batch.id,
      after: { kind: options.kind, fileName: options.fileName, rowCount: batch.rowCount, totalQuantity: batch.totalQuantity },
    });
    return batch;
  });
}
