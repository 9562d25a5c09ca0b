"use server";

import { adminActor, revalidateAdmin } from "../action-support";
import { allStrings, type FormState, parseInput, runForm, str } from "../form-state";
import { addLocalPeriod, deleteLocalPeriod, localPeriodSchema, roundWeeksSchema, setRoundWeeks } from "../weeks";
import { z } from "zod";

export async function setRoundWeeksAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const leave = str(formData, "intent") === "leave";
    const input = parseInput(roundWeeksSchema, {
      municipalityId: str(formData, "municipalityId"),
      roundId: str(formData, "roundId"),
      weeks: leave ? [] : allStrings(formData, "week"),
    });
    const { weeks } = await setRoundWeeks(ctx, input);
    revalidateAdmin();
    return { ok: weeks ? `Kommunen tæller i ${weeks === 1 ? "1 uge" : `${weeks} uger`} af runden.` : "Kommunen deltager ikke i runden." };
  });
}

export async function addLocalPeriodAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(localPeriodSchema, {
      municipalityId: str(formData, "municipalityId"),
      name: str(formData, "name"),
      startsOn: str(formData, "startsOn"),
      endsOn: str(formData, "endsOn"),
    });
    await addLocalPeriod(ctx, input);
    revalidateAdmin();
    return { ok: `Tælleperioden "${input.name}" er oprettet.` };
  });
}

export async function deleteLocalPeriodAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(z.object({ municipalityId: z.string().uuid("Ukendt kommune."), periodId: z.string().uuid("Ukendt periode.") }), {
      municipalityId: str(formData, "municipalityId"),
      periodId: str(formData, "periodId"),
    });
    await deleteLocalPeriod(ctx, input);
    revalidateAdmin();
    return { ok: "Tælleperioden er slettet." };
  });
}
