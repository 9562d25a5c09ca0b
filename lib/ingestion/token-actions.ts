"use server";

import { action } from "@/lib/actions/action";
import { createApiToken, createApiTokenSchema, revokeApiToken, revokeApiTokenSchema } from "@/lib/ingestion/tokens";
import { ADMIN_PATHS, adminContext, coordinators, okState } from "@/lib/actions/support";
import { allStrings, str } from "@/lib/actions/form-state";

// Coordinators only; the domain functions check that the municipality is theirs.

export const createApiTokenAction = action({
  name: "apiTokens.create",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    name: str(formData, "name"),
    unitIds: allStrings(formData, "unitId"),
  }),
  schema: createApiTokenSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { secret } = await createApiToken(adminContext(ctx), input);
    return okState(`API-nøglen "${input.name}" er oprettet.`, {
      secrets: [
        {
          label: `API-nøgle til ${input.name}`,
          value: secret,
          note: "Spor gemmer kun et fingeraftryk af nøglen og kan ikke vise den igen. Mister I den, så tilbagekald den og opret en ny.",
        },
      ],
    });
  },
});

export const revokeApiTokenAction = action({
  name: "apiTokens.revoke",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), tokenId: str(formData, "tokenId") }),
  schema: revokeApiTokenSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { name } = await revokeApiToken(adminContext(ctx), input);
    return okState(`API-nøglen "${name}" er tilbagekaldt. Systemer, der bruger den, bliver afvist fra nu af.`);
  },
});
