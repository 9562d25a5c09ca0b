"use server";

import { action } from "@/lib/actions/action";
import { adminContext, deliver, nationalStaff, okState } from "@/lib/actions/support";
import { str } from "@/lib/actions/form-state";
import { onboardMunicipality, onboardSchema } from "@/lib/municipalities/onboarding";

export const onboardMunicipalityAction = action({
  name: "municipalities.onboard",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    number: str(formData, "number"),
    coordinatorName: str(formData, "coordinatorName"),
    coordinatorEmail: str(formData, "coordinatorEmail"),
  }),
  schema: onboardSchema,
  revalidate: ["/national/"],
  run: async (ctx, input) => {
    const { name, link } = await onboardMunicipality(adminContext(ctx), input);
    const { mailed, secrets } = await deliver([link]);
    return okState(
      `${name} Kommune er tilføjet. ${mailed ? `${link.name} har fået en mail med et aktiveringslink.` : `Giv aktiveringslinket til ${link.name}.`}`,
      {
        secrets,
      },
    );
  },
});
