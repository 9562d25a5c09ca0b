import "server-only";
import { commitImport, type ImportRow, NothingWrittenError, planImport } from "@/lib/exchange/import-rows";
import { validateUploadFields } from "@/lib/exchange/upload-rows";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { API_FIELD, apiRegistrationSchema, toUploadFields } from "./schema";
import type { ApiTokenIdentity } from "./tokens";

// One request of the ingestion API: every item is validated like a CSV row; if any item is wrong
// nothing is written and every problem is answered, per item and field. Ids the municipality has
// already stored with the same content are acknowledged and skipped (a resent request is
// harmless); an id stored with other content, or by another municipality, is an error. The rest
// becomes one batch of kind API that the coordinator can undo like an upload.

export interface ItemError {
  index: number;
  id: string | null;
  field: string | null;
  message: string;
}

export type IngestResult =
  | { status: "invalid"; errors: ItemError[] }
  | { status: "stored"; batchId: string | null; created: number; totalQuantity: number; alreadyStored: string[]; newTaskNumbers: string[] };

type Comparable = Pick<ImportRow, "channelCode" | "contactTypeCode" | "closureCode" | "form" | "quantity" | "occurredAt"> & {
  unitId: string | null;
  taskNumber: string;
};

function sameContent(a: Comparable, b: Comparable): boolean {
  return (
    a.unitId === b.unitId &&
    a.taskNumber === b.taskNumber &&
    a.channelCode === b.channelCode &&
    a.contactTypeCode === b.contactTypeCode &&
    a.closureCode === b.closureCode &&
    a.form === b.form &&
    a.quantity === b.quantity &&
    a.occurredAt.getTime() === b.occurredAt.getTime()
  );
}

/** The units a limited token writes for: the chosen ones and everything below them. */
export async function allowedUnits(prisma: PrismaClient, token: ApiTokenIdentity): Promise<Set<string> | null> {
  if (!token.unitIds.length) return null;
  const units = await prisma.unit.findMany({ where: { municipalityId: token.municipalityId }, select: { id: true, parentId: true } });
  const allowed = new Set(token.unitIds);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parentId && allowed.has(u.parentId) && !allowed.has(u.id)) {
        allowed.add(u.id);
        grew = true;
      }
    }
  }
  return allowed;
}

function itemId(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id.slice(0, 100) : null;
}

export async function ingestRegistrations(
  prisma: PrismaClient,
  token: ApiTokenIdentity,
  items: unknown[],
  now: Date,
): Promise<IngestResult> {
  const errors: ItemError[] = [];
  const rows: (ImportRow & { id: string })[] = [];
  const firstIndexOfId = new Map<string, number>();
  items.forEach((item, index) => {
    const parsed = apiRegistrationSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ index, id: itemId(item), field: issue.path.length ? String(issue.path[0]) : null, message: issue.message });
      }
      return;
    }
    const id = parsed.data.id.toLowerCase();
    const earlier = firstIndexOfId.get(id);
    if (earlier !== undefined) {
      errors.push({ index, id, field: "id", message: `Id'et står også i registrering nr. ${earlier} i samme forespørgsel.` });
    } else firstIndexOfId.set(id, index);
    const checked = validateUploadFields(toUploadFields(parsed.data), now);
    if (!checked.row) {
      for (const e of checked.errors) errors.push({ index, id, field: API_FIELD[e.field], message: e.message });
      return;
    }
    rows.push({ ...checked.row, id, line: index, municipalityNumber: token.municipalityNumber });
  });

  // Units are resolved only within the token's municipality; no new units are made from the API.
  const plan = await planImport(prisma, token.municipalityId, rows);
  for (const e of plan.errors)
    errors.push({ index: e.line, id: rows.find((r) => r.line === e.line)?.id ?? null, field: "unit", message: e.message });
  const allowed = await allowedUnits(prisma, token);
  if (allowed) {
    for (const row of plan.rows) {
      if (row.unitId && !allowed.has(row.unitId)) {
        errors.push({ index: row.line, id: row.id!, field: "unit", message: `Nøglen må ikke indberette for enheden "${row.unit}".` });
      }
    }
  }

  const stored = await prisma.registration.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: {
      id: true,
      municipalityId: true,
      unitId: true,
      channelCode: true,
      contactTypeCode: true,
      closureCode: true,
      form: true,
      quantity: true,
      occurredAt: true,
      task: { select: { number: true } },
    },
  });
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const alreadyStored = new Set<string>();
  for (const row of plan.rows) {
    const existing = storedById.get(row.id!);
    if (!existing) continue;
    if (existing.municipalityId !== token.municipalityId) {
      // Said without naming the other municipality: an id reveals nothing across tenants.
      errors.push({
        index: row.line,
        id: row.id!,
        field: "id",
        message: "Id'et er allerede brugt af en anden registrering. Brug et nyt UUID.",
      });
    } else if (!sameContent(row, { ...existing, taskNumber: existing.task.number })) {
      errors.push({
        index: row.line,
        id: row.id!,
        field: "id",
        message: "Id'et er allerede gemt med et andet indhold. En gemt registrering ændres ikke via API'et.",
      });
    } else alreadyStored.add(row.id!);
  }

  if (errors.length) return { status: "invalid", errors: errors.sort((a, b) => a.index - b.index) };
  const fresh = plan.rows.filter((r) => !alreadyStored.has(r.id!));
  const result = { alreadyStored: [...alreadyStored], newTaskNumbers: plan.newTaskNumbers };
  if (!fresh.length) return { status: "stored", batchId: null, created: 0, totalQuantity: 0, ...result };
  let batch;
  try {
    batch = await commitImport(
      prisma,
      { ...plan, rows: fresh },
      { actorUserId: null, kind: "API", source: "API", fileName: `API-nøgle: ${token.name}`, apiTokenId: token.id, skipExistingIds: true },
    );
  } catch (error) {
    // An identical request stored the same rows a moment ago (between our check and our insert).
    if (!(error instanceof NothingWrittenError)) throw error;
    return { status: "stored", batchId: null, created: 0, totalQuantity: 0, ...result, alreadyStored: plan.rows.map((r) => r.id!) };
  }
  return { status: "stored", batchId: batch.id, created: batch.rowCount, totalQuantity: batch.totalQuantity, ...result };
}
