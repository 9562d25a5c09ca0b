"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminActor } from "@/lib/admin/action-support";
import { type FormState, parseInput, runForm, str } from "@/lib/admin/form-state";
import { createRound, deleteRound, roundSchema, updateRound } from "./rounds";

function roundFields(formData: FormData) {
  return parseInput(roundSchema, {
    name: str(formData, "name"),
    isoYear: str(formData, "isoYear"),
    firstWeek: str(formData, "firstWeek"),
    weekCount: str(formData, "weekCount"),
    packageId: str(formData, "packageId"),
  });
}

function revalidateRounds(): void {
  revalidatePath("/national", "layout");
  // Coordinators choose their weeks from the rounds on the counting-weeks page.
  revalidatePath("/administration", "layout");
}

export async function createRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = roundFields(formData);
    await createRound(ctx, input);
    revalidateRounds();
    return { ok: `Tællerunden "${input.name}" er oprettet. Kommunerne kan nu vælge dens uger.` };
  });
}

export async function updateRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = roundFields(formData);
    await updateRound(ctx, str(formData, "roundId"), input);
    revalidateRounds();
    return { ok: "Tællerunden er gemt." };
  });
}

export async function deleteRoundAction(prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runForm(async () => {
    const ctx = await adminActor();
    const { name } = await deleteRound(ctx, str(formData, "roundId"));
    revalidateRounds();
    return { ok: `${name} er slettet.` };
  });
  if (result.error) return result;
  redirect("/national");
}
