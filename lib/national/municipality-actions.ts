"use server";

import { revalidatePath } from "next/cache";
import { adminActor, deliver } from "@/lib/admin/action-support";
import { type FormState, parseInput, runForm, str } from "@/lib/admin/form-state";
import { onboardMunicipality, onboardSchema } from "./municipalities";

export async function onboardMunicipalityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(onboardSchema, {
      number: str(formData, "number"),
      coordinatorName: str(formData, "coordinatorName"),
      coordinatorEmail: str(formData, "coordinatorEmail"),
    });
    const { name, link } = await onboardMunicipality(ctx, input);
    revalidatePath("/national", "layout");
    const { mailed, secrets } = await deliver([link]);
    return {
      ok: `${name} Kommune er tilføjet. ${mailed ? `${link.name} har fået en mail med et aktiveringslink.` : `Giv aktiveringslinket til ${link.name}.`}`,
      secrets,
    };
  });
}
