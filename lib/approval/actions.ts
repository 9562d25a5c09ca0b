"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { adminContext, coordinators, okState } from "@/lib/actions/support";
import { formatNumber } from "@/lib/format";
import { idSchema } from "@/lib/ids";
import { approveRound, reopenRound } from "./approval";

const roundInput = z.object({ municipalityId: idSchema("Kommunen findes ikke."), roundId: idSchema("Runden findes ikke.") });
const fields = (_prev: FormState, formData: FormData) => ({
  municipalityId: formData.get("municipalityId"),
  roundId: formData.get("roundId"),
});
// The checkbox «Jeg har set fundene»: sent only when ticked.
const approveInput = roundInput.extend({ findingsSeen: z.boolean() });
const approveFields = (prev: FormState, formData: FormData) => ({
  ...fields(prev, formData),
  findingsSeen: formData.get("findingsSeen") !== null,
});

/**
 * A coordinator approves the municipality's data for a round that is over; the data is then frozen.
 * With open findings in Datakvalitet, only with «Jeg har set fundene» ticked.
 */
export const approveRoundAction = action({
  name: "approval.approve",
  allow: coordinators,
  input: approveFields,
  schema: approveInput,
  revalidate: ["/daekning", "/daekning/datakvalitet", "/national"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const { roundName, findings } = await approveRound(adminContext(ctx), input);
    return okState(
      `Kommunens data for «${roundName}» er godkendt og låst.${findings ? ` ${findings === 1 ? "Fundet" : `De ${formatNumber(findings)} fund`} i Datakvalitet er noteret som set.` : ""}`,
    );
  },
});

/** A coordinator reopens an approved round to correct it (audit-logged); it leaves the national figures until approved again. */
export const reopenRoundAction = action({
  name: "approval.reopen",
  allow: coordinators,
  input: fields,
  schema: roundInput,
  revalidate: ["/daekning", "/daekning/datakvalitet", "/national"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const { roundName } = await reopenRound(adminContext(ctx), input);
    return okState(
      `«${roundName}» er genåbnet. Registreringerne kan rettes, og kommunen tæller ikke med i landstal, før runden er godkendt igen.`,
    );
  },
});
