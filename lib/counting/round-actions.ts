"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { adminContext, nationalStaff, okState } from "@/lib/actions/support";
import { type FormState, str } from "@/lib/actions/form-state";
import { createRound, deleteRound, roundSchema, updateRound } from "@/lib/counting/rounds";
import { idSchema } from "@/lib/ids";

// KL's counting rounds: national staff only (the domain functions check it again).

// Coordinators choose their weeks from the rounds on the counting-weeks page.
const ROUND_PATHS = ["/national/", "/administration/"];
const roundId = idSchema("Tællerunden findes ikke.");

const roundFields = (formData: FormData) => ({
  name: str(formData, "name"),
  isoYear: str(formData, "isoYear"),
  firstWeek: str(formData, "firstWeek"),
  weekCount: str(formData, "weekCount"),
  packageId: str(formData, "packageId"),
  minApprovedMunicipalities: str(formData, "minApprovedMunicipalities"),
});

export const createRoundAction = action({
  name: "rounds.create",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => roundFields(formData),
  schema: roundSchema,
  revalidate: ROUND_PATHS,
  run: async (ctx, input) => {
    await createRound(adminContext(ctx), input);
    return okState(`Tællerunden "${input.name}" er oprettet. Kommunerne kan nu vælge dens uger.`);
  },
});

export const updateRoundAction = action({
  name: "rounds.update",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ round: roundFields(formData), roundId: str(formData, "roundId") }),
  // The round's own schema has refinements, so it is nested rather than extended.
  schema: z.object({ round: roundSchema, roundId }),
  revalidate: ROUND_PATHS,
  run: async (ctx, input) => {
    await updateRound(adminContext(ctx), input.roundId, input.round);
    return okState("Tællerunden er gemt.");
  },
});

export const deleteRoundAction = action({
  name: "rounds.delete",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ roundId: str(formData, "roundId") }),
  schema: z.object({ roundId }),
  revalidate: ROUND_PATHS,
  run: async (ctx, input): Promise<FormState> => {
    await deleteRound(adminContext(ctx), input.roundId);
    redirect("/national");
  },
});
