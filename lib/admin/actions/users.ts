"use server";

import { adminActor, deliver, revalidateAdmin } from "../action-support";
import { allStrings, type FormState, parseInput, runForm, str } from "../form-state";
import { inviteSchema, updateAccessSchema, userRefSchema } from "../user-schemas";
import { deactivateUser, inviteUser, issueUserLink, reactivateUser, updateUserAccess } from "../users";

function sentMessage(mailed: number, total: number, what: string): string {
  if (mailed === total) return `${what} Linket er sendt på mail.`;
  return `${what} Giv linket videre til brugeren – det vises kun nu, og det virker én gang.`;
}

export async function inviteUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(inviteSchema, {
      municipalityId: str(formData, "municipalityId"),
      name: str(formData, "name"),
      email: str(formData, "email"),
      role: str(formData, "role"),
      unitIds: allStrings(formData, "unitId"),
    });
    const link = await inviteUser(ctx, input);
    revalidateAdmin();
    const { mailed, secrets } = await deliver([link]);
    return { ok: sentMessage(mailed, 1, `${link.name} er inviteret.`), secrets };
  });
}

export async function updateUserAccessAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(updateAccessSchema, {
      municipalityId: str(formData, "municipalityId"),
      userId: str(formData, "userId"),
      role: str(formData, "role"),
      unitIds: allStrings(formData, "unitId"),
    });
    await updateUserAccess(ctx, input);
    revalidateAdmin();
    return { ok: "Rolle og enheder er gemt. Ændringen gælder med det samme." };
  });
}

const ref = (formData: FormData) =>
  parseInput(userRefSchema, { municipalityId: str(formData, "municipalityId"), userId: str(formData, "userId") });

export async function issueUserLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const link = await issueUserLink(ctx, ref(formData));
    revalidateAdmin();
    const { mailed, secrets } = await deliver([link]);
    const what = link.purpose === "ACTIVATION" ? "Der er lavet et nyt aktiveringslink." : "Der er lavet et link til en ny adgangskode.";
    return { ok: sentMessage(mailed, 1, `${what} Tidligere links virker ikke længere.`), secrets };
  });
}

export async function deactivateUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await deactivateUser(ctx, ref(formData));
    revalidateAdmin();
    return { ok: "Brugeren er deaktiveret og logget ud overalt." };
  });
}

export async function reactivateUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await reactivateUser(ctx, ref(formData));
    revalidateAdmin();
    return { ok: "Brugeren er aktiv igen." };
  });
}
