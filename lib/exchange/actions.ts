"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { coordinators } from "@/lib/actions/support";
import { undoMunicipalityBatch } from "./undo";
import { idSchema } from "@/lib/ids";

// File uploads are streamed route handlers (app/api/uploads); only the undo is a server action.

/** Undoes one batch of a municipality the user coordinates (national staff only read; lib/exchange/undo.ts). */
export const undoBatchAction = action({
  name: "exchange.undoBatch",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => ({ batchId: formData.get("batchId") }),
  schema: z.object({ batchId: idSchema("Indlæsningen findes ikke.") }),
  revalidate: ["/data", "/masseregistrering"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const { deleted, removedQuestions } = await undoMunicipalityBatch(ctx.prisma, ctx.user, input.batchId, ctx.ip);
    const questions = removedQuestions ? ` og ${removedQuestions} ubrugte spørgsmål fjernet` : "";
    return { ok: `Indlæsningen er fortrudt (${deleted} rækker slettet${questions}).` };
  },
});
