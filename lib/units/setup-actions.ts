"use server";

import { z } from "zod";
import { formatCount } from "@/lib/format";
import { action } from "@/lib/actions/action";
import { ADMIN_PATHS, adminContext, checkbox, coordinators, okState } from "@/lib/actions/support";
import { allStrings, type FormState, str } from "@/lib/actions/form-state";
import {
  channelsSchema,
  copyFromUnitSchema,
  moveChannelSchema,
  moveTaskSchema,
  packageTasksSchema,
  sortByLastRoundSchema,
  taskIdsSchema,
  unitLoginSchema,
  unitOptionsSchema,
  unitRef,
} from "@/lib/units/schemas";
import { moveUnitChannel, moveUnitTask, sortByLastRound } from "@/lib/units/order";
import { disableUnitLogin, renewUnitLoginPassword, saveUnitLogin } from "@/lib/units/unit-login";
import {
  addObligatoryPackageTasks,
  addUnitTasks,
  copyFromUnit,
  deleteTestRegistrations,
  removeUnitTasks,
  resetUnitChannels,
  setUnitChannels,
  setUnitOptions,
} from "@/lib/units/setup";

// A unit's channels, tasks, options and shared login: the municipality's coordinators (the domain
// checks which municipality, and loads the unit together with it).

const ids = (formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), unitId: str(formData, "unitId") });

export const saveChannelsAction = action({
  name: "unitSetup.saveChannels",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    ...ids(formData),
    channelCodes: allStrings(formData, "channel"),
    defaults: str(formData, "intent") === "defaults",
  }),
  schema: channelsSchema.extend({ defaults: z.boolean() }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, { defaults, ...input }) => {
    if (defaults) {
      await resetUnitChannels(adminContext(ctx), { municipalityId: input.municipalityId, unitId: input.unitId });
      return okState("Kanalerne er sat til standard for enhedstypen.");
    }
    await setUnitChannels(adminContext(ctx), input);
    return okState("Kanalerne er gemt.");
  },
});

export const addTasksAction = action({
  name: "unitSetup.addTasks",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), taskIds: allStrings(formData, "taskId") }),
  schema: taskIdsSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { added } = await addUnitTasks(adminContext(ctx), input);
    return okState(added ? `${formatCount(added, "opgave", "opgaver")} er tilføjet.` : "Opgaverne tælles allerede i enheden.");
  },
});

export const addObligatoryTasksAction = action({
  name: "unitSetup.addObligatoryTasks",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), packageId: str(formData, "packageId") }),
  schema: packageTasksSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { added } = await addObligatoryPackageTasks(adminContext(ctx), input);
    return okState(
      added
        ? `${formatCount(added, "obligatorisk opgave", "obligatoriske opgaver")} er tilføjet.`
        : "Enheden tæller allerede alle pakkens obligatoriske opgaver.",
    );
  },
});

export const removeTasksAction = action({
  name: "unitSetup.removeTasks",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), taskIds: allStrings(formData, "taskId") }),
  schema: taskIdsSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { removed } = await removeUnitTasks(adminContext(ctx), input);
    return okState(`${formatCount(removed, "opgave", "opgaver")} er fjernet. Registreringer på dem bevares.`);
  },
});

export const copyFromUnitAction = action({
  name: "unitSetup.copyFromUnit",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    ...ids(formData),
    sourceUnitId: str(formData, "sourceUnitId"),
    channels: checkbox(formData, "channels"),
    tasks: checkbox(formData, "tasks"),
    mode: str(formData, "mode") === "add" ? "add" : "replace",
  }),
  schema: copyFromUnitSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await copyFromUnit(adminContext(ctx), input);
    return okState("Opsætningen er kopieret.");
  },
});

// The order of the unit's tasks and channels: the registration screen's keys follow it.

export const moveTaskAction = action({
  name: "unitSetup.moveTask",
  allow: coordinators,
  // One form per list: the pressed button says what moves where ("<task id>:up").
  input: (_prev: unknown, formData: FormData) => {
    const [taskId = "", direction = ""] = str(formData, "move").split(":");
    return { ...ids(formData), taskId, direction };
  },
  schema: moveTaskSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { moved } = await moveUnitTask(adminContext(ctx), input);
    return okState(
      moved
        ? `Opgaven er flyttet ${input.direction === "up" ? "op" : "ned"}. Tasterne på registreringssiden følger den nye rækkefølge.`
        : "Opgaven står allerede yderst.",
    );
  },
});

export const moveChannelAction = action({
  name: "unitSetup.moveChannel",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => {
    const [channelCode = "", direction = ""] = str(formData, "move").split(":");
    return { ...ids(formData), channelCode, direction };
  },
  schema: moveChannelSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { moved } = await moveUnitChannel(adminContext(ctx), input);
    return okState(
      moved
        ? `Kanalen er flyttet ${input.direction === "up" ? "op" : "ned"}. Tasterne på registreringssiden følger den nye rækkefølge.`
        : "Kanalen står allerede yderst.",
    );
  },
});

export const sortByLastRoundAction = action({
  name: "unitSetup.sortByLastRound",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), what: str(formData, "what") }),
  schema: sortByLastRoundSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { round, changed } = await sortByLastRound(adminContext(ctx), input);
    const what = input.what === "tasks" ? "Opgaverne" : "Kanalerne";
    if (!round)
      return okState(`Kommunen har ikke talt i en afsluttet runde, så der er ingen brug at sortere efter. ${what} står, som de stod.`);
    if (!changed) return okState(`${what} står allerede efter brugen i ${round}.`);
    return okState(`${what} er sorteret efter enhedens brug i ${round}. Rækkefølgen ligger nu fast, til du ændrer den.`);
  },
});

export const saveOptionsAction = action({
  name: "unitSetup.saveOptions",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    ...ids(formData),
    timeMeasurement: checkbox(formData, "timeMeasurement"),
    testMode: checkbox(formData, "testMode"),
  }),
  schema: unitOptionsSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await setUnitOptions(adminContext(ctx), input);
    return okState("Indstillingerne er gemt.");
  },
});

export const deleteTestRegistrationsAction = action({
  name: "unitSetup.deleteTestRegistrations",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ids(formData),
  schema: unitRef,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { deleted } = await deleteTestRegistrations(adminContext(ctx), input);
    return okState(`${formatCount(deleted, "testregistrering", "testregistreringer")} er slettet.`);
  },
});

const DATE = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" });

function passwordSecret(login: string, password: string): FormState["secrets"] {
  return [
    { label: `Login-navn`, value: login },
    { label: "Adgangskode (vises kun nu)", value: password, note: `Lavet ${DATE.format(new Date())}. Skriv den ned til skranke-pc'en.` },
  ];
}

export const saveUnitLoginAction = action({
  name: "unitSetup.saveUnitLogin",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), login: str(formData, "login") }),
  schema: unitLoginSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const { password } = await saveUnitLogin(adminContext(ctx), input);
    if (password) return okState("Det fælles login er klar.", { secrets: passwordSecret(input.login, password) });
    return okState("Login-navnet er gemt.");
  },
});

export const renewUnitLoginPasswordAction = action({
  name: "unitSetup.renewUnitLoginPassword",
  allow: coordinators,
  // The login name is only shown back with the new password.
  input: (_prev: unknown, formData: FormData) => ({ ...ids(formData), login: str(formData, "login") }),
  schema: unitRef.extend({ login: z.string().max(200) }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, { login, ...input }) => {
    const { password } = await renewUnitLoginPassword(adminContext(ctx), input);
    return okState("Der er lavet en ny adgangskode. Den gamle virker ikke længere, og pc'er, der var logget ind, er logget ud.", {
      secrets: passwordSecret(login, password),
    });
  },
});

export const disableUnitLoginAction = action({
  name: "unitSetup.disableUnitLogin",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ids(formData),
  schema: unitRef,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await disableUnitLogin(adminContext(ctx), input);
    return okState("Det fælles login er slået fra, og dets sessioner er afsluttet.");
  },
});
