"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { coordinators } from "@/lib/admin/action-support";
import { coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { planFileImport } from "./file-import";
import { commitImport } from "./import-rows";
import { FileFormatError } from "./text-file";
import { undoMunicipalityBatch } from "./undo";
import type { UploadSummary } from "./upload-summary";

export interface UploadState {
  status?: "preview" | "imported" | "invalid";
  message?: string;
  errors?: { line: number; message: string }[];
  summary?: UploadSummary;
}

const canExchange = (a: Parameters<typeof isNational>[0]) => isNational(a) || coordinatorMunicipalityIds(a).length > 0;

/** The municipality the user acts for: a coordinator's own; national staff name one by number. */
async function actingMunicipality(access: Parameters<typeof isNational>[0], number: FormDataEntryValue | null) {
  const requested = Number(number);
  if (Number.isInteger(requested) && requested > 0) {
    const m = await db().municipality.findUnique({ where: { number: requested }, select: { id: true } });
    if (!m || !(isNational(access) || coordinatorMunicipalityIds(access).includes(m.id))) throw new AccessDeniedError();
    return m.id;
  }
  const own = coordinatorMunicipalityIds(access);
  if (own.length !== 1) throw new UserFacingError("Vælg kommunen, der skal indlæses til.");
  return own[0];
}

/**
 * Upload of a CSV (either template) or an old raw export. "preview" validates and summarises;
 * "import" does the same and then writes everything as one batch — or nothing, if any row is wrong.
 */
export async function uploadAction(_prev: UploadState, formData: FormData): Promise<UploadState> {
  try {
    const user = await authorize(canExchange);
    const municipalityId = await actingMunicipality(user.access, formData.get("kommune"));
    const file = formData.get("fil");
    if (!(file instanceof File) || file.size === 0) return { status: "invalid", message: "Vælg en fil." };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const legacy = formData.get("type") === "legacy";
    const { plan, summary } = await planFileImport(db(), municipalityId, bytes, legacy ? "legacy" : "csv", {
      createMissingUnits: formData.get("opretEnheder") === "on",
    });
    if (plan.errors.length) {
      return { status: "invalid", message: `Filen har ${plan.errors.length} fejl. Intet er gemt.`, errors: plan.errors.slice(0, 500), summary };
    }
    if (formData.get("intent") !== "import") return { status: "preview", summary };
    await commitImport(db(), plan, {
      actorUserId: user.id,
      kind: legacy ? "LEGACY_IMPORT" : "UPLOAD",
      source: legacy ? "LEGACY_IMPORT" : "UPLOAD",
      fileName: file.name.slice(0, 200),
    });
    revalidatePath("/data");
    return { status: "imported", message: `${summary.rows} rækker med ${summary.totalQuantity} henvendelser er indlæst.`, summary };
  } catch (error) {
    if (error instanceof UserFacingError || error instanceof FileFormatError) return { status: "invalid", message: error.message };
    throw error;
  }
}

export interface UndoBatchState {
  message?: string;
  error?: string;
}

/** Undoes one batch of a municipality the user coordinates (national staff only read; lib/exchange/undo.ts). */
export const undoBatchAction = action({
  name: "exchange.undoBatch",
  allow: coordinators,
  input: (_prev: UndoBatchState, formData: FormData) => ({ batchId: formData.get("batchId") }),
  schema: z.object({ batchId: z.uuid("Indlæsningen findes ikke.") }),
  revalidate: ["/data", "/masseregistrering"],
  fail: (error): UndoBatchState => ({ error: error.message }),
  run: async (ctx, input): Promise<UndoBatchState> => {
    const { deleted, removedQuestions } = await undoMunicipalityBatch(ctx.prisma, { id: ctx.actorId, access: ctx.access }, input.batchId, ctx.ip);
    const questions = removedQuestions ? ` og ${removedQuestions} ubrugte spørgsmål fjernet` : "";
    return { message: `Indlæsningen er fortrudt (${deleted} rækker slettet${questions}).` };
  },
});
