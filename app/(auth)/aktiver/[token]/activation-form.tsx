"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { activateAccountAction } from "@/lib/users/activation-actions";
import type { FormState } from "@/lib/actions/form-state";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rule";

export function ActivationForm({ token, email, submitLabel }: { token: string; email: string; submitLabel: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(activateAccountAction, {});
  return (
    <form action={action} noValidate className="space-y-4 rounded-md border border-slate-300 bg-white p-4 sm:p-6">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right user name. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div id="aktiver-fejl" role="alert" aria-live="assertive">
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      </div>
      <div>
        <Label htmlFor="password">Ny adgangskode</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={128}
          required
          aria-describedby={state.error ? "aktiver-fejl adgangskode-regel" : "adgangskode-regel"}
          className="mt-1"
        />
      </div>
      <div>
        <Label htmlFor="repeat">Gentag adgangskoden</Label>
        <Input id="repeat" name="repeat" type="password" autoComplete="new-password" required className="mt-1" />
      </div>
      <Button type="submit">{pending ? "Gemmer …" : submitLabel}</Button>
    </form>
  );
}
