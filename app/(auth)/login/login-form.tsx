"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/field";
import { signInAction } from "@/lib/auth/actions";
import type { FormState } from "@/lib/actions/form-state";

const initialState: FormState<"email" | "password"> = {};

export function LoginForm({ next, loggedOut, activated = false }: { next?: string; loggedOut: boolean; activated?: boolean }) {
  const [state, formAction, pending] = useActionState(signInAction, initialState);
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  const hasErrors = Boolean(state.error || emailError || passwordError);

  return (
    <div className="space-y-4">
      {loggedOut && !hasErrors ? (
        <div role="status">
          <Alert tone="success">Du er nu logget ud.</Alert>
        </div>
      ) : null}
      {activated && !hasErrors ? (
        <div role="status">
          <Alert tone="success">Din adgangskode er gemt. Log ind med den nye adgangskode.</Alert>
        </div>
      ) : null}

      {/* Always in the DOM, so screen readers announce a message when it appears. */}
      <div id="login-fejl" aria-live="assertive" aria-atomic="true">
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        {!state.error && (emailError || passwordError) ? <Alert tone="error">Ret fejlene i formularen og prøv igen.</Alert> : null}
      </div>

      <form action={formAction} noValidate className="space-y-4 rounded-md border border-slate-300 bg-white p-4 sm:p-6">
        {next ? <input type="hidden" name="next" value={next} /> : null}

        <div>
          <Label htmlFor="email">E-mail</Label>
          <Input
            id="email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={state.values?.email ?? ""}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "email-fejl" : state.error ? "login-fejl" : undefined}
            className="mt-1"
          />
          <FieldError id="email-fejl">{emailError}</FieldError>
        </div>

        <div>
          <Label htmlFor="password">Adgangskode</Label>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? "password-fejl" : state.error ? "login-fejl" : undefined}
            className="mt-1"
          />
          <FieldError id="password-fejl">{passwordError}</FieldError>
        </div>

        {/* Not disabled while pending: a disabled button would drop keyboard focus to <body>. */}
        <Button type="submit" className="w-full sm:w-auto">
          {pending ? "Logger ind …" : "Log ind"}
        </Button>
      </form>

      <p className="text-sm text-slate-700">
        Har du glemt din adgangskode, eller har du ikke en bruger? Kontakt tovholderen i din kommune.
      </p>
    </div>
  );
}
