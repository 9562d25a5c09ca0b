"use server";

import { revalidatePath } from "next/cache";
import { canMassRegister } from "@/lib/auth/access";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import {
  createMassRegistration,
  deleteMassRegistration,
  type MassField,
  MassRegistrationError,
  massRegistrationSchema,
} from "./mass-registration";

export interface MassRegistrationState {
  ok?: string;
  error?: string;
  /** The field the error is about, so the form marks it and ties the message to it. */
  field?: MassField | null;
  /** Changes on every answer, so the form can react to a repeated identical result. */
  at?: number;
}

function refusal(error: unknown): MassRegistrationState {
  if (error instanceof MassRegistrationError) return { error: error.message, field: error.field, at: Date.now() };
  if (error instanceof UserFacingError) return { error: error.message, field: null, at: Date.now() };
  throw error;
}

/** Saves one mass registration (coordinators and unit leads; national staff only read). */
export async function massRegistrationAction(_prev: MassRegistrationState, formData: FormData): Promise<MassRegistrationState> {
  try {
    const user = await authorize(canMassRegister);
    // Only the form's text fields, by the schema's names; anything else sent is ignored.
    const raw = Object.fromEntries(
      Object.keys(massRegistrationSchema.shape).flatMap((f) => (typeof formData.get(f) === "string" ? [[f, formData.get(f)]] : [])),
    );
    const batch = await createMassRegistration(db(), { id: user.id, access: user.access }, raw);
    revalidatePath("/masseregistrering");
    revalidatePath("/data");
    return { ok: `Masseregistreringen med ${batch.totalQuantity.toLocaleString("da-DK")} henvendelser er gemt.`, at: Date.now() };
  } catch (error) {
    return refusal(error);
  }
}

/** Deletes one mass registration by undoing its batch. */
export async function deleteMassRegistrationAction(_prev: MassRegistrationState, formData: FormData): Promise<MassRegistrationState> {
  try {
    const user = await authorize(canMassRegister);
    await deleteMassRegistration(db(), { id: user.id, access: user.access }, String(formData.get("batchId") ?? ""));
    revalidatePath("/masseregistrering");
    revalidatePath("/data");
    return { ok: "Masseregistreringen er slettet.", at: Date.now() };
  } catch (error) {
    return refusal(error);
  }
}
