"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { ADMIN_PATHS, adminContext, coordinators, okState } from "@/lib/actions/support";
import { type FormState, str } from "@/lib/actions/form-state";
import { createUnitSchema, moveUnitSchema, unitRef, updateUnitSchema } from "@/lib/units/schemas";
import { planIsEmpty, startFromLastRound } from "@/lib/units/start-from-last-round";
import { archiveUnit, createUnit, deleteUnit, moveUnit, reactivateUnit, updateUnit } from "@/lib/units/tree";

// The unit tree's server actions: thin. The wrapper checks the session, the coordinator role and the
// input; the domain function checks the municipality and makes the change in one transaction with
// its audit entry.

const ref = (formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), unitId: str(formData, "unitId") });

export const createUnitAction = action({
  name: "units.create",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    name: str(formData, "name"),
    parentId: str(formData, "parentId"),
    kind: str(formData, "kind"),
  }),
  schema: createUnitSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input): Promise<FormState> => {
    const { id } = await createUnit(adminContext(ctx), input);
    redirect(`/administration/enheder/${id}?oprettet=1`);
  },
});

export const updateUnitAction = action({
  name: "units.update",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ref(formData), name: str(formData, "name"), kind: str(formData, "kind") }),
  schema: updateUnitSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await updateUnit(adminContext(ctx), input);
    return okState("Navn og type er gemt.");
  },
});

export const moveUnitAction = action({
  name: "units.move",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ref(formData), parentId: str(formData, "parentId") }),
  schema: moveUnitSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await moveUnit(adminContext(ctx), input);
    return okState("Enheden er flyttet.");
  },
});

export const archiveUnitAction = action({
  name: "units.archive",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ref(formData),
  schema: unitRef,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { archived } = await archiveUnit(adminContext(ctx), input);
    return okState(archived > 1 ? `${archived} enheder er arkiveret.` : "Enheden er arkiveret.");
  },
});

export const reactivateUnitAction = action({
  name: "units.reactivate",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ref(formData),
  schema: unitRef,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await reactivateUnit(adminContext(ctx), input);
    return okState("Enheden er aktiv igen.");
  },
});

export const deleteUnitAction = action({
  name: "units.delete",
  allow: coordinators,
  // "kommune" (the municipality's number) only chooses the page to return to.
  input: (_prev: unknown, formData: FormData) => ({ ...ref(formData), kommune: str(formData, "kommune") }),
  schema: unitRef.extend({ kommune: z.string().transform((v) => (/^\d{1,4}$/.test(v) ? v : "")) }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, { kommune, ...input }): Promise<FormState> => {
    await deleteUnit(adminContext(ctx), input);
    redirect(`/administration${kommune ? `?kommune=${kommune}` : ""}`);
  },
});

export const startFromLastRoundAction = action({
  name: "units.startFromLastRound",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ municipalityId: str(formData, "municipalityId") }),
  schema: unitRef.pick({ municipalityId: true }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const plan = await startFromLastRound(adminContext(ctx), input);
    if (planIsEmpty(plan)) return okState(`Opsætningen er allerede som i ${plan.from.name}. Intet er ændret.`);
    const parts = [
      plan.unitsCreated && `${plan.unitsCreated} enheder genskabt`,
      plan.unitsReactivated && `${plan.unitsReactivated} genaktiveret`,
      plan.unitsMoved && `${plan.unitsMoved} flyttet tilbage`,
      plan.channelChanges && `${plan.channelChanges} kanalvalg`,
      plan.taskChanges && `${plan.taskChanges} opgavevalg`,
      plan.obligatoryAdded && `${plan.obligatoryAdded} obligatoriske opgaver tilføjet fra ${plan.to?.name}`,
    ].filter(Boolean);
    return okState(`Opsætningen fra ${plan.from.name} er genskabt: ${parts.join(", ")}.`, {
      problems: plan.skipped.length ? plan.skipped : undefined,
    });
  },
});
