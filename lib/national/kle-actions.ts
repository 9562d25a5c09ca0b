"use server";

import { revalidatePath } from "next/cache";
import { adminActor } from "@/lib/admin/action-support";
import { type FormState, runForm } from "@/lib/admin/form-state";
import { formatNumber } from "@/components/format";
import { importKleFile } from "./kle";

export async function importKleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return { error: "Vælg KLE-filen (XML)." };
    const r = await importKleFile(ctx, new Uint8Array(await file.arrayBuffer()));
    revalidatePath("/national", "layout");
    revalidatePath("/administration", "layout");
    return {
      ok:
        `KLE udgivet ${r.publishedOn} er indlæst: ${formatNumber(r.created)} nye, ${formatNumber(r.updated)} opdaterede og ` +
        `${formatNumber(r.unchanged)} uændrede (${formatNumber(r.byLevel.HOVEDGRUPPE)} hovedgrupper, ${formatNumber(r.byLevel.GRUPPE)} grupper, ` +
        `${formatNumber(r.byLevel.EMNE)} emner).`,
    };
  });
}
