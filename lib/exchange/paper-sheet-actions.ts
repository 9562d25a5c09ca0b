"use server";

import { z } from "zod";
import { action, formFailure } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { canMassRegister } from "@/lib/auth/access";
import type { UserFacingError } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { createPaperSheet, deletePaperSheet, PaperSheetError } from "./paper-sheet-registration";

/** The grid's state: a refusal names each wrong cell (fieldErrors by the cell's field name). */
export type PaperSheetState = FormState;

function refusal(error: UserFacingError): PaperSheetState {
  if (error instanceof PaperSheetError) {
    return {
      error: error.message,
      problems: error.problems.length > 1 ? error.problems : undefined,
      fieldErrors: Object.fromEntries(error.sheetProblems.filter((p) => p.field).map((p) => [p.field, p.message])),
      at: Date.now(),
    };
  }
  return formFailure(error);
}

const PATHS = ["/masseregistrering", "/masseregistrering/skema", "/data"];
/** A 24 × 12 sheet with type and closure per row has about 340 fields; room for a larger unit. */
const MAX_FIELDS = 2_000;

/**
 * Saves a keyed-in paper tally sheet as one batch (coordinators and unit leads; national staff only
 * read). The wrapper takes the form's text fields; the domain reads the cells against the unit's
 * sheet and checks the unit is in the caller's scope.
 */
export const paperSheetAction = action({
  name: "paperSheet.create",
  allow: canMassRegister,
  input: (_prev: PaperSheetState, formData: FormData) =>
    Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string" && !e[0].startsWith("$"))),
  schema: z
    .record(z.string().max(120), z.string().max(40, "Et felt i skemaet er for langt."))
    .refine((r) => Object.keys(r).length <= MAX_FIELDS, "Skemaet har for mange felter."),
  revalidate: PATHS,
  fail: refusal,
  run: async (ctx, raw): Promise<PaperSheetState> => {
    const batch = await createPaperSheet(ctx.prisma, ctx.user, raw, new Date(), ctx.ip);
    return { ok: `Skemaet er gemt: ${batch.summary.text} i ${batch.unitName}.`, id: batch.id, at: Date.now() };
  },
});

/** Undoes one keyed-in sheet of a unit in the caller's scope. */
export const deletePaperSheetAction = action({
  name: "paperSheet.delete",
  allow: canMassRegister,
  input: (_prev: PaperSheetState, formData: FormData) => ({ batchId: formData.get("batchId") }),
  schema: z.object({ batchId: idSchema("Skemaet findes ikke, eller det er allerede fortrudt.") }),
  revalidate: PATHS,
  fail: refusal,
  run: async (ctx, input): Promise<PaperSheetState> => {
    const { deleted } = await deletePaperSheet(ctx.prisma, ctx.user, input.batchId, ctx.ip);
    return { ok: `Skemaet er fortrudt: ${deleted.toLocaleString("da-DK")} registreringer er slettet.`, at: Date.now() };
  },
});
