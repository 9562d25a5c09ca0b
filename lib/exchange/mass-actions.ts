"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { canMassRegister } from "@/lib/auth/access";
import type { UserFacingError } from "@/lib/errors";
import {
  createMassRegistration,
  deleteMassRegistration,
  type MassField,
  MassRegistrationError,
  massRegistrationSchema,
} from "./mass-registration";
import { idSchema } from "@/lib/ids";

/** The mass registration form's state: a refusal is tied to its field (fieldErrors). */
export type MassRegistrationState = FormState<MassField>;

function refusal(error: UserFacingError): MassRegistrationState {
  if (error instanceof MassRegistrationError && error.field)
    return { error: error.message, fieldErrors: { [error.field]: error.message }, at: Date.now() };
  return { error: error.message, at: Date.now() };
}

const MASS_PATHS = ["/masseregistrering", "/data"];
const FIELDS = Object.keys(massRegistrationSchema.shape) as MassField[];

/**
 * Saves one mass registration (coordinators and unit leads; national staff only read). The wrapper
 * takes only the form's text fields, by the schema's names; the domain parses them with the schema
 * so each refusal is tied to its field, and checks the unit is in the caller's scope.
 */
export const massRegistrationAction = action({
  name: "mass.create",
  allow: canMassRegister,
  input: (_prev: MassRegistrationState, formData: FormData) =>
    Object.fromEntries(FIELDS.flatMap((f) => (typeof formData.get(f) === "string" ? [[f, formData.get(f)]] : []))),
  schema: z.partialRecord(z.enum(FIELDS as [MassField, ...MassField[]]), z.string().max(200)),
  revalidate: MASS_PATHS,
  fail: refusal,
  run: async (ctx, raw): Promise<MassRegistrationState> => {
    const batch = await createMassRegistration(ctx.prisma, ctx.user, raw, new Date(), ctx.ip);
    return { ok: `Masseregistreringen med ${batch.totalQuantity.toLocaleString("da-DK")} henvendelser er gemt.`, at: Date.now() };
  },
});

/** Deletes one mass registration of a unit in the caller's scope by undoing its batch. */
export const deleteMassRegistrationAction = action({
  name: "mass.delete",
  allow: canMassRegister,
  input: (_prev: MassRegistrationState, formData: FormData) => ({ batchId: formData.get("batchId") }),
  schema: z.object({ batchId: idSchema("Masseregistreringen findes ikke, eller den er allerede slettet.") }),
  revalidate: MASS_PATHS,
  fail: refusal,
  run: async (ctx, input): Promise<MassRegistrationState> => {
    await deleteMassRegistration(ctx.prisma, ctx.user, input.batchId, ctx.ip);
    return { ok: "Masseregistreringen er slettet.", at: Date.now() };
  },
});
