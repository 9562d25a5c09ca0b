import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ForgetOfflineCopies } from "@/components/registration/forget-offline";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ssoChoices } from "@/lib/sso/queries";
import { LoginForm } from "./login-form";
import { SsoForm } from "./sso-form";

export const metadata: Metadata = { title: "Log ind" };

// Every page reads the session: never prerender at build time (that would open the database).
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Only a same-site path survives; anything else (//host, /\host, https://…) is dropped. */
function safeNext(value: string | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  return value;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  // Reads the session, so the page is rendered per request.
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  const municipalities = await ssoChoices();

  return (
    <div className="mx-auto max-w-md">
      <ForgetOfflineCopies />
      <h1 className="mb-6 text-2xl sm:text-3xl">Log ind i Spor</h1>
      {municipalities.length ? (
        <div className="mb-6 space-y-4">
          <SsoForm municipalities={municipalities} next={safeNext(first(params.next))} />
          <h2 className="text-lg font-semibold">Eller log ind med e-mail og adgangskode</h2>
        </div>
      ) : null}
      <LoginForm
        next={safeNext(first(params.next))}
        loggedOut={first(params["logget-ud"]) === "1"}
        activated={first(params.aktiveret) === "1"}
      />
    </div>
  );
}
