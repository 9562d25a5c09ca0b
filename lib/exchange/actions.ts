"use server";

import { revalidatePath } from "next/cache";
import { coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { undoBatch } from "./import-rows";

const canExchange = (a: Parameters<typeof isNational>[0]) => isNational(a) || coordinatorMunicipalityIds(a).length > 0;

/** Undoes one batch of a municipality the user coordinates (national staff: any). */
export async function undoBatchAction(_prev: { message?: string }, formData: FormData): Promise<{ message?: string; error?: string }> {
  try {
    const user = await authorize(canExchange);
    const batchId = String(formData.get("batchId") ?? "");
    if (!/^[0-9a-f-]{36}$/i.test(batchId)) return { error: "Indlæsningen findes ikke." };
    // The batch's municipality must be in scope: look it up inside the scope, never by id alone.
    const batch = await db().importBatch.findFirst({
      where: { id: batchId, ...(isNational(user.access) ? {} : { municipalityId: { in: coordinatorMunicipalityIds(user.access) } }) },
      select: { municipalityId: true },
    });
    if (!batch) return { error: "Indlæsningen findes ikke." };
    const { deleted, removedQuestions } = await undoBatch(db(), user.id, batch.municipalityId, batchId);
    revalidatePath("/data");
    const questions = removedQuestions ? ` og ${removedQuestions} ubrugte spørgsmål fjernet` : "";
    return { message: `Indlæsningen er fortrudt (${deleted} rækker slettet${questions}).` };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    throw error;
  }
}
