"use server";

import { action } from "@/lib/actions/action";
import { str } from "@/lib/actions/form-state";
import { adminContext, coordinators, okState } from "@/lib/actions/support";
import { publicationSchema, setLandkortPublication } from "@/lib/landkort/publication";

// Coordinators only; setLandkortPublication checks the municipality in the input, so another
// municipality's id is refused and audit-logged.
export const setLandkortPublicationAction = action({
  name: "landkort.setPublication",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    publish: str(formData, "publish") === "1",
  }),
  schema: publicationSchema,
  revalidate: ["/administration/", "/landkort"],
  run: async (ctx, input) => {
    await setLandkortPublication(adminContext(ctx), input);
    return okState(
      input.publish
        ? "Kommunens tal vises nu på Det Digitale Landkort."
        : "Kommunens tal vises ikke længere på Det Digitale Landkort. Landstallene er uændrede.",
    );
  },
});
