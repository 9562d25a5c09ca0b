"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminActor, checkbox } from "@/lib/admin/action-support";
import { type FormState, parseInput, runForm, str } from "@/lib/admin/form-state";
import { formatCount } from "@/components/format";
import { addPackageTasks, addTasksSchema, createPackage, deletePackage, newPackageSchema, packageSchema, setPackageItem, updatePackage } from "./packages";

function revalidatePackages(): void {
  revalidatePath("/national", "layout");
  // Coordinators add a package's obligatory tasks from the unit pages; reports filter on its groups.
  revalidatePath("/administration", "layout");
}

export async function createPackageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const result = await runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(newPackageSchema, { name: str(formData, "name"), description: str(formData, "description"), copyFromId: str(formData, "copyFromId") });
    id = (await createPackage(ctx, input)).id;
    revalidatePackages();
    return { ok: `Opgavepakken "${input.name}" er oprettet.` };
  });
  if (result.error) return result;
  redirect(`/national/opgavepakker/${id}`);
}

export async function updatePackageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await updatePackage(ctx, str(formData, "packageId"), parseInput(packageSchema, { name: str(formData, "name"), description: str(formData, "description") }));
    revalidatePackages();
    return { ok: "Opgavepakken er gemt." };
  });
}

export async function addPackageTasksAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(addTasksSchema, { numbers: str(formData, "numbers"), obligatory: checkbox(formData, "obligatory"), needGroup: str(formData, "needGroup") });
    const { added, restored } = await addPackageTasks(ctx, str(formData, "packageId"), input);
    revalidatePackages();
    if (!added && !restored) return { ok: "Opgaverne er allerede i pakken." };
    return { ok: [added && `${formatCount(added, "opgave", "opgaver")} er tilføjet.`, restored && `${formatCount(restored, "opgave", "opgaver")} er taget med igen.`].filter(Boolean).join(" ") };
  });
}

/** One of a task's buttons in the package's table: obligatory on/off, out of / back in the package. */
export async function setPackageItemAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const change = str(formData, "change");
    const values: Record<string, { obligatory?: boolean; removed?: boolean }> = {
      obligatory: { obligatory: true },
      optional: { obligatory: false },
      remove: { removed: true },
      restore: { removed: false },
    };
    if (!values[change]) return { error: "Ukendt ændring." };
    const { number } = await setPackageItem(ctx, str(formData, "packageId"), str(formData, "taskId"), values[change]);
    revalidatePackages();
    return { ok: `${number} er ændret.` };
  });
}

export async function deletePackageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runForm(async () => {
    const ctx = await adminActor();
    const { name } = await deletePackage(ctx, str(formData, "packageId"));
    revalidatePackages();
    return { ok: `${name} er slettet.` };
  });
  if (result.error) return result;
  redirect("/national/opgavepakker");
}
