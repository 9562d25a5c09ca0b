"use server";

import { createApiToken, createApiTokenSchema, revokeApiToken, revokeApiTokenSchema } from "@/lib/ingestion/tokens";
import { adminActor, revalidateAdmin } from "../action-support";
import { allStrings, type FormState, parseInput, runForm, str } from "../form-state";

export async function createApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(createApiTokenSchema, {
      municipalityId: str(formData, "municipalityId"),
      name: str(formData, "name"),
      unitIds: allStrings(formData, "unitId"),
    });
    const { secret } = await createApiToken(ctx, input);
    revalidateAdmin();
    return {
      ok: `API-nøglen "${input.name}" er oprettet.`,
      secrets: [
        {
          label: `API-nøgle til ${input.name}`,
          value: secret,
          note: "Spor gemmer kun et fingeraftryk af nøglen og kan ikke vise den igen. Mister I den, så tilbagekald den og opret en ny.",
        },
      ],
    };
  });
}

export async function revokeApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(revokeApiTokenSchema, { municipalityId: str(formData, "municipalityId"), tokenId: str(formData, "tokenId") });
    const { name } = await revokeApiToken(ctx, input);
    revalidateAdmin();
    return { ok: `API-nøglen "${name}" er tilbagekaldt. Systemer, der bruger den, bliver afvist fra nu af.` };
  });
}
