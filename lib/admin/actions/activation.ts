"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { type FormState, parseInput, runForm, str } from "../form-state";
import { redeemToken } from "../tokens";
import { passwordSchema } from "../user-schemas";

/**
 * The public activation / new-password page's action. The token in the form is the only
 * credential: it is checked, used up and the password set in one transaction; then the user is
 * signed in with the new password through Better Auth, as at the login page.
 */
export async function activateAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let email = "";
  let password = "";
  const state = await runForm(async () => {
    const input = parseInput(passwordSchema, { password: str(formData, "password"), repeat: str(formData, "repeat") });
    const result = await redeemToken(db(), { raw: str(formData, "token"), password: input.password });
    email = result.email;
    password = input.password;
    return { ok: "Adgangskoden er gemt." };
  });
  if (state.error) return state;
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    redirect("/login?aktiveret=1");
  }
  redirect("/");
}
