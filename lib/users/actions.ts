"use server";

import { action } from "@/lib/actions/action";
import { ADMIN_PATHS, adminContext, coordinators, deliver, okState } from "@/lib/actions/support";
import { allStrings, str } from "@/lib/actions/form-state";
import { inviteSchema, updateAccessSchema, userRefSchema } from "@/lib/users/schemas";
import { deactivateUser, inviteUser, issueUserLink, reactivateUser, updateUserAccess } from "@/lib/users/users";

// A municipality's users: its coordinators (the domain checks which municipality).

function sentMessage(mailed: number, total: number, what: string): string {
  if (mailed === total) return `${what} Linket er sendt på mail.`;
  return `${what} Giv linket videre til brugeren – det vises kun nu, og det virker én gang.`;
}

export const inviteUserAction = action({
  name: "users.invite",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    name: str(formData, "name"),
    email: str(formData, "email"),
    role: str(formData, "role"),
    unitIds: allStrings(formData, "unitId"),
  }),
  schema: inviteSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const link = await inviteUser(adminContext(ctx), input);
    const { mailed, secrets } = await deliver([link]);
    return okState(sentMessage(mailed, 1, `${link.name} er inviteret.`), { secrets });
  },
});

// The CSV upload of users is a streamed route handler (app/api/users/import).
export const updateUserAccessAction = action({
  name: "users.updateAccess",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    userId: str(formData, "userId"),
    role: str(formData, "role"),
    unitIds: allStrings(formData, "unitId"),
  }),
  schema: updateAccessSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await updateUserAccess(adminContext(ctx), input);
    return okState("Rolle og enheder er gemt. Ændringen gælder med det samme.");
  },
});

const ref = (_prev: unknown, formData: FormData) => ({ municipalityId: str(formData, "municipalityId"), userId: str(formData, "userId") });

export const issueUserLinkAction = action({
  name: "users.issueLink",
  allow: coordinators,
  input: ref,
  schema: userRefSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    const link = await issueUserLink(adminContext(ctx), input);
    const { mailed, secrets } = await deliver([link]);
    const what = link.purpose === "ACTIVATION" ? "Der er lavet et nyt aktiveringslink." : "Der er lavet et link til en ny adgangskode.";
    return okState(sentMessage(mailed, 1, `${what} Tidligere links virker ikke længere.`), { secrets });
  },
});

export const deactivateUserAction = action({
  name: "users.deactivate",
  allow: coordinators,
  input: ref,
  schema: userRefSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await deactivateUser(adminContext(ctx), input);
    return okState("Brugeren er deaktiveret og logget ud overalt.");
  },
});

export const reactivateUserAction = action({
  name: "users.reactivate",
  allow: coordinators,
  input: ref,
  schema: userRefSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await reactivateUser(adminContext(ctx), input);
    return okState("Brugeren er aktiv igen.");
  },
});
