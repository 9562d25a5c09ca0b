import crypto from "node:crypto";
import { UserFacingError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type EarlierImport, earlierImportText } from "./content-hash-text";
import type { ImportRow } from "./import-types";

export type { EarlierImport };

// A file whose rows were imported already would double every figure. Each file import stores a hash
// of its rows' content on the batch; the same rows again are refused unless the coordinator confirms
// (web: a checkbox; CLI: --allow-duplicate). The hash is of what the rows say, not of the bytes: the
// same file saved again in another encoding, with other line endings or with its rows in another
// order is the same content. Undone batches do not count (their rows are gone).

// One line per row, its fields separated by a control character no field holds (text fields are
// single cells of a CSV line).
const SEP = "\u001f";
const time = (d: Date | null | undefined) => (d ? d.getTime() : "");
function canonical(r: ImportRow): string {
  let line = `${r.municipalityNumber}${SEP}${r.unit.toLowerCase()}${SEP}${r.taskNumber}${SEP}${r.channelCode}${SEP}${r.contactTypeCode ?? ""}${SEP}${r.closureCode ?? ""}${SEP}${r.form ?? ""}${SEP}${r.occurredAt.getTime()}${SEP}${r.quantity}${SEP}${time(r.startedAt)}${SEP}${time(r.endedAt)}${SEP}${r.source ?? ""}`;
  if (r.answers) for (const key of Object.keys(r.answers).sort()) line += `${SEP}${key}=${r.answers[key]}`;
  return line;
}

/** A row's line as a 52-bit number (two FNV-1a lanes), exact in a double. */
function rowKey(line: string): number {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 2 ** 20 + ((b >>> 0) >>> 12);
}

/**
 * SHA-256 (hex) of the rows' content, independent of their order: each row becomes a 52-bit key,
 * the keys are sorted as numbers and hashed. (Sorting the rows' text instead took about a second
 * at 100,000 rows.)
 */
export function importContentHash(rows: readonly ImportRow[]): string {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = rowKey(canonical(rows[i]));
  keys.sort();
  return crypto.createHash("sha256").update(new Uint8Array(keys.buffer)).digest("hex");
}

type BatchReader = Pick<Prisma.TransactionClient, "importBatch">;

/** The latest batch of the municipality, not undone, with the same content; null if none. */
export async function findEarlierImport(tx: BatchReader, municipalityId: string, contentHash: string): Promise<EarlierImport | null> {
  const batch = await tx.importBatch.findFirst({
    where: { municipalityId, contentHash, undoneAt: null },
    select: { id: true, fileName: true, createdAt: true, rowCount: true },
    orderBy: { createdAt: "desc" },
  });
  return batch && { batchId: batch.id, fileName: batch.fileName, createdAt: batch.createdAt.toISOString(), rows: batch.rowCount };
}

/** The same rows again, not confirmed: nothing is written. */
export class DuplicateImportError extends UserFacingError {
  constructor(readonly earlier: EarlierImport) {
    super(`${earlierImportText(earlier)} Intet er gemt. Bekræft, at filen skal indlæses igen, hvis det er meningen.`, 409);
    this.name = "DuplicateImportError";
  }
}
