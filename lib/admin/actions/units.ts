"use server";

import { redirect } from "next/navigation";
import { adminActor, revalidateAdmin } from "../action-support";
import { type FormState, parseInput, runForm, str } from "../form-state";
import { createUnitSchema, moveUnitSchema, unitRef, updateUnitSchema } from "../schemas";
import { planIsEmpty, startFromLastRound } from "../start-from-last-round";
import { archiveUnit, createUnit, deleteUnit, moveUnit, reactivateUnit, updateUnit } from "../units";

// The unit tree's server actions: thin. Session check, parse, then the domain function checks the
// role and the municipality and makes the change in one transaction with its audit entry.

export async function createUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(createUnitSchema, {
      municipalityId: str(formData, "municipalityId"),
      name: str(formData, "name"),
      parentId: str(formData, "parentId"),
      kind: str(formData, "kind"),
    });
    id = (await createUnit(ctx, input)).id;
    revalidateAdmin();
    return { ok: "Enheden er oprettet." };
  });
  if (state.error) return state;
  redirect(`/administration/enheder/${id}?oprettet=1`);
}

export async function updateUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(updateUnitSchema, {
      municipalityId: str(formData, "municipalityId"),
      unitId: str(formData, "unitId"),
      name: str(formData, "name"),
      kind: str(formData, "kind"),
    });
    await updateUnit(ctx, input);
    revalidateAdmin();
    return { ok: "Navn og type er gemt." };
  });
}

export async function moveUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(moveUnitSchema, {
      municipalityId: str(formData, "municipalityId"),
      unitId: str(formData, "unitId"),
      parentId: str(formData, "parentId"),
    });
    await moveUnit(ctx, input);
    revalidateAdmin();
    return { ok: "Enheden er flyttet." };
  });
}

function ref(formData: FormData) {
  return parseInput(unitRef, { municipalityId: str(formData, "municipalityId"), unitId: str(formData, "unitId") });
}

export async function archiveUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { archived } = await archiveUnit(ctx, ref(formData));
    revalidateAdmin();
    return { ok: archived > 1 ? `${archived} enheder er arkiveret.` : "Enheden er arkiveret." };
  });
}

export async function reactivateUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await reactivateUnit(ctx, ref(formData));
    revalidateAdmin();
    return { ok: "Enheden er aktiv igen." };
  });
}

export async function deleteUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runForm(async () => {
    const ctx = await adminActor();
    await deleteUnit(ctx, ref(formData));
    revalidateAdmin();
    return { ok: "Enheden er slettet." };
  });
  if (state.error) return state;
  const number = str(formData, "kommune");
  redirect(`/administration${/^\d{1,4}$/.test(number) ? `?kommune=${number}` : ""}`);
}

export async function startFromLastRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { municipalityId } = parseInput(unitRef.pick({ municipalityId: true }), { municipalityId: str(formData, "municipalityId") });
    const plan = await startFromLastRound(ctx, { municipalityId });
    revalidateAdmin();
    if (planIsEmpty(plan)) return { ok: `Opsætningen er allerede som i ${plan.from.name}. Intet er ændret.` };
    const parts = [
      plan.unitsCreated && `${plan.unitsCreated} enheder genskabt`,
      plan.unitsReactivated && `${plan.unitsReactivated} genaktiveret`,
      plan.unitsMoved && `${plan.unitsMoved} flyttet tilbage`,
      plan.channelChanges && `${plan.channelChanges} kanalvalg`,
      plan.taskChanges && `${plan.taskChanges} opgavevalg`,
      plan.obligatoryAdded && `${plan.obligatoryAdded} obligatoriske opgaver tilføjet fra ${plan.to?.name}`,
    ].filter(Boolean);
    return { ok: `Opsætningen fra ${plan.from.name} er genskabt: ${parts.join(", ")}.`, problems: plan.skipped.length ? plan.skipped : undefined };
  });
}

