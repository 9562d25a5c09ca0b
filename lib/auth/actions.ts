"use server";

import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import type { UserFacingError } from "@/lib/errors";
import { db } from "@/lib/db";
import { getAuth } from "./auth";
import type { FormState } from "@/lib/actions/form-state";
import { isSafeNextPath, signInSchema } from "./schema";
import { guardedSignIn, SIGN_IN_MESSAGES } from "./sign-in";

type SignInState = FormState<"email" | "password">;

const signInInput = z.object({ credentials: z.unknown(), next: z.string().max(2000) });

/**
 * The login form's action. Field errors come back per field; the outcome of the password check
 * (wrong, throttled, deactivated) as one Danish message (lib/auth/sign-in.ts).
 */
export const signInAction = publicAction<typeof signInInput, [SignInState, FormData], SignInState>({
  name: "auth.sign-in",
  input: (_prev, formData) => ({
    credentials: { email: formData.get("email"), password: formData.get("password") },
    next: String(formData.get("next") ?? ""),
  }),
  schema: signInInput,
  fail: (error: UserFacingError) => ({ error: error.message }),
  run: async ({ ip, requestHeaders }, input) => {
    const parsed = signInSchema.safeParse(input.credentials);
    const typed = (input.credentials as { email?: unknown }).email;
    if (!parsed.success) {
      const fieldErrors: SignInState["fieldErrors"] = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as "email" | "password";
        fieldErrors[field] ??= issue.message;
      }
      return { fieldErrors, values: { email: typeof typed === "string" ? typed : "" } };
    }
    const { email, password } = parsed.data;
    const result = await guardedSignIn(db(), { email, ip }, () =>
      getAuth().api.signInEmail({ body: { email, password }, headers: requestHeaders, asResponse: true }),
    );
    if (result.outcome !== "success") return { error: SIGN_IN_MESSAGES[result.outcome], values: { email } };
    // Only same-site paths: an open redirect after login is a phishing tool.
    redirect(isSafeNextPath(input.next) ? input.next : "/");
  },
});

const noInput = z.object({});

/**
 * Ends the session on the server (the row is deleted and the sign-out audited), then shows the login
 * page. Public: it only ends the session the caller's own cookie names, and a stale cookie must
 * still lead to the login page.
 */
export const signOutAction = publicAction<typeof noInput, [], void>({
  name: "auth.sign-out",
  input: () => ({}),
  schema: noInput,
  fail: () => undefined,
  run: async ({ requestHeaders }) => {
    const result = (await getAuth().api.signOut({ headers: requestHeaders })) as { url?: string };
    // Signed in through the municipality's provider: end that session too (RP-initiated logout);
    // the provider sends the browser back to /login?logget-ud=1 (lib/sso/better-auth.ts).
    redirect(result.url ?? "/login?logget-ud=1");
  },
});
