"use server";

import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { getAuth } from "@/lib/auth/auth";
import { guardedSignIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import type { FormState } from "@/lib/actions/form-state";
import { redeemToken } from "@/lib/users/link-tokens";
import { passwordSchema } from "@/lib/users/schemas";

const activationInput = z.intersection(passwordSchema, z.object({ token: z.string().max(200) }));

/**
 * The public activation / new-password page's action. The token in the form is the only
 * credential: the password rule is checked, the token used up and the password set in one
 * transaction (lib/users/link-tokens.ts); then the user is signed in with the new password through the
 * same guarded sign-in as the login page.
 */
export const activateAccountAction = publicAction<typeof activationInput, [FormState, FormData], FormState>({
  name: "auth.activate",
  input: (_prev, formData) => ({
    password: String(formData.get("password") ?? ""),
    repeat: String(formData.get("repeat") ?? ""),
    token: String(formData.get("token") ?? ""),
  }),
  schema: activationInput,
  run: async ({ ip, requestHeaders }, input) => {
    const { email } = await redeemToken(db(), { raw: input.token, password: input.password, ip });
    const result = await guardedSignIn(db(), { email, ip }, () =>
      getAuth().api.signInEmail({ body: { email, password: input.password }, headers: requestHeaders, asResponse: true }),
    );
    // The password is saved either way; if the sign-in was refused (throttled), the login page says so.
    redirect(result.outcome === "success" ? "/" : "/login?aktiveret=1");
  },
});
