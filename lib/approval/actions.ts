"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { adminContext, coordinators, okState } from "@/lib/actions/support";
import { idSchema } from "@/lib/ids";
import { approveRound, reopenRound } from "./approval";

const roundInput = z.object({ municipalityId: idSchema("Kommunen findes ikke."), roundId: idSchema("Runden findes ikke.") });
const fields = (_prev: FormState, formData: FormData) => ({
  municipalityId: formData.get("municipalityId"),
  roundId: formData.get("roundId"),
});

/** A coordinator approves the municipality's data for a round that is over; the data is then frozen. */
export const approveRoundAction = action({
  name: "approval.approve",
  allow: coordinators,
  input: fields,
  schema: roundInput,
  revalidate: ["/daekning", "/national"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const { roundName } = await approveRound(adminContext(ctx), input);
    return okState(`Kommunens data for «${roundName}» er godkendt og låst.`);
  },
});

/** A coordinator reopens an approved round to correct it (audit-logged); it leaves the national figures until approved again. */
export const reopenRoundAction = action({
  name: "approval.reopen",
  allow: coordinators,
  input: fields,
  schema: roundInput,
  revalidate: ["/daekning", "/national"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const { roundName } = await reopenRound(adminContext(ctx), input);
    return okState(
      `«${roundName}» er genåbnet. Registreringerne kan rettes, og kommunen tæller ikke med i landstal, før runden er godkendt igen.`,
    );
  },
});
