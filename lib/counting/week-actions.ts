"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { canAdministerMunicipality, coordinatorMunicipalityIds } from "@/lib/auth/access";
import { adminContext } from "@/lib/actions/support";
import { allStrings, str } from "@/lib/actions/form-state";
import { addLocalPeriod, deleteLocalPeriod, localPeriodSchema, roundWeeksSchema, setRoundWeeks } from "@/lib/counting/weeks";
import { idSchema } from "@/lib/ids";

// Coordinators only; each domain function checks the municipality named in the input
// (canAdministerMunicipality) so another municipality's id is refused and audit-logged.
const coordinators = (access: Parameters<typeof canAdministerMunicipality>[0]) => coordinatorMunicipalityIds(access).length > 0;
const ADMIN_PATHS = ["/administration/", "/registrering/"];

export const setRoundWeeksAction = action({
  name: "weeks.setRoundWeeks",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => {
    const leave = str(formData, "intent") === "leave";
    return {
      municipalityId: str(formData, "municipalityId"),
      roundId: str(formData, "roundId"),
      weeks: leave ? [] : allStrings(formData, "week"),
    };
  },
  schema: roundWeeksSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { weeks } = await setRoundWeeks(adminContext(ctx), input);
    return {
      ok: weeks ? `Kommunen tæller i ${weeks === 1 ? "1 uge" : `${weeks} uger`} af runden.` : "Kommunen deltager ikke i runden.",
      at: Date.now(),
    };
  },
});

export const addLocalPeriodAction = action({
  name: "weeks.addLocalPeriod",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    name: str(formData, "name"),
    startsOn: str(formData, "startsOn"),
    endsOn: str(formData, "endsOn"),
  }),
  schema: localPeriodSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await addLocalPeriod(adminContext(ctx), input);
    return { ok: `Tælleperioden "${input.name}" er oprettet.`, at: Date.now() };
  },
});

export const deleteLocalPeriodAction = action({
  name: "weeks.deleteLocalPeriod",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), periodId: str(formData, "periodId") }),
  schema: z.object({ municipalityId: idSchema("Ukendt kommune."), periodId: idSchema("Ukendt periode.") }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await deleteLocalPeriod(adminContext(ctx), input);
    return { ok: "Tælleperioden er slettet.", at: Date.now() };
  },
});
