"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth";
import { isSafeNextPath, signInSchema, type SignInState } from "./schema";
import { THROTTLED_MESSAGE } from "./throttle";

const WRONG_CREDENTIALS = "Forkert e-mail eller adgangskode.";

/** The login form's action. The throttle runs inside Better Auth's hooks, for this path and HTTP alike. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "email" | "password";
      fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, email: String(formData.get("email") ?? "") };
  }
  try {
    await getAuth().api.signInEmail({ body: parsed.data, headers: await headers() });
  } catch (error) {
    if (error instanceof APIError) {
      const message = error.status === "TOO_MANY_REQUESTS" ? THROTTLED_MESSAGE : WRONG_CREDENTIALS;
      return { error: message, email: parsed.data.email };
    }
    throw error;
  }
  const next = String(formData.get("next") ?? "");
  // Only same-site paths: an open redirect after login is a phishing tool.
  redirect(isSafeNextPath(next) ? next : "/");
}

/** Ends the session on the server (the row is deleted), then shows the login page. */
export async function signOutAction(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/login?logget-ud=1");
}
