"use server";

import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/auth";
import { isSafeNextPath } from "@/lib/auth/schema";
import type { UserFacingError } from "@/lib/errors";
import { SSO_REFUSALS } from "./messages";
import { providerIdOf } from "./provider-id";

const ssoInput = z.object({
  municipality: z.coerce
    .number({ error: "Vælg din kommune." })
    .int("Vælg din kommune.")
    .min(1, "Vælg din kommune.")
    .max(9999, "Vælg din kommune."),
  next: z.string().max(2000),
});

type SsoState = FormState<"municipality">;

/**
 * "Log ind med din kommune": Better Auth starts the OpenID Connect flow (state, PKCE and nonce,
 * bound to this browser by a cookie) and the browser goes on to the municipality's provider.
 */
export const ssoSignInAction = publicAction<typeof ssoInput, [SsoState, FormData], SsoState>({
  name: "auth.sso-sign-in",
  input: (_prev, formData) => ({ municipality: formData.get("municipality") ?? "", next: String(formData.get("next") ?? "") }),
  schema: ssoInput,
  fail: (error: UserFacingError) => ({ error: error.message }),
  run: async ({ requestHeaders }, input) => {
    let url: string | undefined;
    try {
      const result = await getAuth().api.signInSocial({
        body: {
          provider: providerIdOf(input.municipality),
          callbackURL: isSafeNextPath(input.next) ? input.next : "/",
          errorCallbackURL: "/login/sso-fejl",
          disableRedirect: true,
        },
        headers: requestHeaders,
      });
      url = result.url;
    } catch {
      // Not configured (any more) or the provider's discovery did not answer.
      return { error: SSO_REFUSALS.utilgaengelig };
    }
    if (!url) return { error: SSO_REFUSALS.utilgaengelig };
    redirect(url);
  },
});
