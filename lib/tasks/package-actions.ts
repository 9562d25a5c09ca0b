"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formatCount } from "@/lib/format";
import { action } from "@/lib/actions/action";
import { adminContext, checkbox, nationalStaff, okState } from "@/lib/actions/support";
import { type FormState, str } from "@/lib/actions/form-state";
import {
  addPackageTasks,
  addTasksSchema,
  createPackage,
  deletePackage,
  newPackageSchema,
  packageSchema,
  setPackageItem,
  updatePackage,
} from "@/lib/tasks/packages";
import { idSchema } from "@/lib/ids";

// KL's task packages: national staff only (the domain functions check it again).

// Coordinators add a package's obligatory tasks from the unit pages; reports filter on its groups.
const PACKAGE_PATHS = ["/national/", "/administration/"];
const packageId = idSchema("Opgavepakken findes ikke.");

export const createPackageAction = action({
  name: "packages.create",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    name: str(formData, "name"),
    description: str(formData, "description"),
    copyFromId: str(formData, "copyFromId"),
  }),
  schema: newPackageSchema,
  revalidate: PACKAGE_PATHS,
  run: async (ctx, input): Promise<FormState> => {
    const { id } = await createPackage(adminContext(ctx), input);
    redirect(`/national/opgavepakker/${id}`);
  },
});

export const updatePackageAction = action({
  name: "packages.update",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    name: str(formData, "name"),
    description: str(formData, "description"),
    packageId: str(formData, "packageId"),
  }),
  schema: packageSchema.extend({ packageId }),
  revalidate: PACKAGE_PATHS,
  run: async (ctx, { packageId, ...input }) => {
    await updatePackage(adminContext(ctx), packageId, input);
    return okState("Opgavepakken er gemt.");
  },
});

export const addPackageTasksAction = action({
  name: "packages.addTasks",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    numbers: str(formData, "numbers"),
    obligatory: checkbox(formData, "obligatory"),
    needGroup: str(formData, "needGroup"),
    packageId: str(formData, "packageId"),
  }),
  schema: addTasksSchema.extend({ packageId }),
  revalidate: PACKAGE_PATHS,
  run: async (ctx, { packageId, ...input }) => {
    const { added, restored } = await addPackageTasks(adminContext(ctx), packageId, input);
    if (!added && !restored) return okState("Opgaverne er allerede i pakken.");
    return okState(
      [
        added && `${formatCount(added, "opgave", "opgaver")} er tilføjet.`,
        restored && `${formatCount(restored, "opgave", "opgaver")} er taget med igen.`,
      ]
        .filter(Boolean)
        .join(" "),
    );
  },
});

const CHANGES = {
  obligatory: { obligatory: true },
  optional: { obligatory: false },
  remove: { removed: true },
  restore: { removed: false },
} as const;

/** One of a task's buttons in the package's table: obligatory on/off, out of / back in the package. */
export const setPackageItemAction = action({
  name: "packages.setItem",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    change: str(formData, "change"),
    packageId: str(formData, "packageId"),
    taskId: str(formData, "taskId"),
  }),
  schema: z.object({
    change: z.enum(["obligatory", "optional", "remove", "restore"], { error: "Ukendt ændring." }),
    packageId,
    taskId: idSchema("Opgaven er ikke i pakken."),
  }),
  revalidate: PACKAGE_PATHS,
  run: async (ctx, input) => {
    const { number } = await setPackageItem(adminContext(ctx), input.packageId, input.taskId, { ...CHANGES[input.change] });
    return okState(`${number} er ændret.`);
  },
});

export const deletePackageAction = action({
  name: "packages.delete",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ packageId: str(formData, "packageId") }),
  schema: z.object({ packageId }),
  revalidate: PACKAGE_PATHS,
  run: async (ctx, input): Promise<FormState> => {
    await deletePackage(adminContext(ctx), input.packageId);
    redirect("/national/opgavepakker");
  },
});
