"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { adminContext, coordinators, okState } from "@/lib/actions/support";
import { idSchema } from "@/lib/ids";
import { setCoverageThreshold } from "./threshold";

/** A coordinator sets the municipality's coverage threshold (whole percent, 1–100). */
export const setCoverageThresholdAction = action({
  name: "coverage.setThreshold",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => ({
    municipalityId: formData.get("municipalityId"),
    threshold: formData.get("threshold"),
  }),
  schema: z.object({
    municipalityId: idSchema("Kommunen findes ikke."),
    threshold: z.coerce
      .number("Grænsen skal være et helt tal fra 1 til 100.")
      .int("Grænsen skal være et helt tal fra 1 til 100.")
      .min(1, "Grænsen skal være et helt tal fra 1 til 100.")
      .max(100, "Grænsen skal være et helt tal fra 1 til 100."),
  }),
  revalidate: ["/daekning", "/registrering"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    await setCoverageThreshold(adminContext(ctx), input);
    return okState(`Grænsen for dækning er nu ${input.threshold} %.`);
  },
});
