"use server";

import { formatCount } from "@/components/format";
import { adminActor, checkbox, revalidateAdmin } from "../action-support";
import { allStrings, type FormState, parseInput, runForm, str } from "../form-state";
import { channelsSchema, copyFromUnitSchema, packageTasksSchema, taskIdsSchema, unitLoginSchema, unitOptionsSchema, unitRef } from "../schemas";
import { disableUnitLogin, renewUnitLoginPassword, saveUnitLogin } from "../unit-login";
import {
  addObligatoryPackageTasks,
  addUnitTasks,
  copyFromUnit,
  deleteTestRegistrations,
  removeUnitTasks,
  resetUnitChannels,
  setUnitChannels,
  setUnitOptions,
} from "../unit-setup";

const ids = (formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), unitId: str(formData, "unitId") });

export async function saveChannelsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    if (str(formData, "intent") === "defaults") {
      await resetUnitChannels(ctx, parseInput(unitRef, ids(formData)));
      revalidateAdmin();
      return { ok: "Kanalerne er sat til standard for enhedstypen." };
    }
    await setUnitChannels(ctx, parseInput(channelsSchema, { ...ids(formData), channelCodes: allStrings(formData, "channel") }));
    revalidateAdmin();
    return { ok: "Kanalerne er gemt." };
  });
}

export async function addTasksAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { added } = await addUnitTasks(ctx, parseInput(taskIdsSchema, { ...ids(formData), taskIds: allStrings(formData, "taskId") }));
    revalidateAdmin();
    return { ok: added ? `${formatCount(added, "opgave", "opgaver")} er tilføjet.` : "Opgaverne tælles allerede i enheden." };
  });
}

export async function addObligatoryTasksAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { added } = await addObligatoryPackageTasks(ctx, parseInput(packageTasksSchema, { ...ids(formData), packageId: str(formData, "packageId") }));
    revalidateAdmin();
    return { ok: added ? `${formatCount(added, "obligatorisk opgave", "obligatoriske opgaver")} er tilføjet.` : "Enheden tæller allerede alle pakkens obligatoriske opgaver." };
  });
}

export async function removeTasksAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { removed } = await removeUnitTasks(ctx, parseInput(taskIdsSchema, { ...ids(formData), taskIds: allStrings(formData, "taskId") }));
    revalidateAdmin();
    return { ok: `${formatCount(removed, "opgave", "opgaver")} er fjernet. Registreringer på dem bevares.` };
  });
}

export async function copyFromUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(copyFromUnitSchema, {
      ...ids(formData),
      sourceUnitId: str(formData, "sourceUnitId"),
      channels: checkbox(formData, "channels"),
      tasks: checkbox(formData, "tasks"),
      mode: str(formData, "mode") === "add" ? "add" : "replace",
    });
    await copyFromUnit(ctx, input);
    revalidateAdmin();
    return { ok: "Opsætningen er kopieret." };
  });
}

export async function saveOptionsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(unitOptionsSchema, {
      ...ids(formData),
      timeMeasurement: checkbox(formData, "timeMeasurement"),
      testMode: checkbox(formData, "testMode"),
    });
    await setUnitOptions(ctx, input);
    revalidateAdmin();
    return { ok: "Indstillingerne er gemt." };
  });
}

export async function deleteTestRegistrationsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { deleted } = await deleteTestRegistrations(ctx, parseInput(unitRef, ids(formData)));
    revalidateAdmin();
    return { ok: `${formatCount(deleted, "testregistrering", "testregistreringer")} er slettet.` };
  });
}

const DATE = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" });

function passwordSecret(login: string, password: string): FormState["secrets"] {
  return [
    { label: `Login-navn`, value: login },
    { label: "Adgangskode (vises kun nu)", value: password, note: `Lavet ${DATE.format(new Date())}. Skriv den ned til skranke-pc'en.` },
  ];
}

export async function saveUnitLoginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(unitLoginSchema, { ...ids(formData), login: str(formData, "login") });
    const { password } = await saveUnitLogin(ctx, input);
    revalidateAdmin();
    if (password) return { ok: "Det fælles login er klar.", secrets: passwordSecret(input.login, password) };
    return { ok: "Login-navnet er gemt." };
  });
}

export async function renewUnitLoginPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const { password } = await renewUnitLoginPassword(ctx, parseInput(unitRef, ids(formData)));
    revalidateAdmin();
    return {
      ok: "Der er lavet en ny adgangskode. Den gamle virker ikke længere, og pc'er, der var logget ind, er logget ud.",
      secrets: passwordSecret(str(formData, "login"), password),
    };
  });
}

export async function disableUnitLoginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await disableUnitLogin(ctx, parseInput(unitRef, ids(formData)));
    revalidateAdmin();
    return { ok: "Det fælles login er slået fra, og dets sessioner er afsluttet." };
  });
}
