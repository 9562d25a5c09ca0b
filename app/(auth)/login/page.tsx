import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ForgetOfflineCopies } from "@/components/registration/forget-offline";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ssoChoices } from "@/lib/sso/queries";
import { samlEnabled } from "@/lib/sso/saml-endpoint";
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

/** "Log ind via KOMBIT": the municipalities' common sign-in (KOMBIT's Context Handler, SAML). */
function KombitSignIn({ next }: { next?: string }) {
  const href = next ? `/api/auth/saml/login?next=${encodeURIComponent(next)}` : "/api/auth/saml/login";
  return (
    <section aria-labelledby="kombit-overskrift" className="space-y-3 rounded-md border border-slate-300 bg-white p-4 sm:p-6">
      <h2 id="kombit-overskrift" className="text-lg font-semibold">
        Log ind via KOMBIT
      </h2>
      {/* A plain link: the route answers with a redirect to KOMBIT's Context Handler. */}
      <a href={href} className={buttonClasses("primary")}>
        Log ind med fælleskommunalt login
      </a>
      <p className="text-sm text-slate-700">
        Du vælger din kommune hos KOMBIT, logger ind med din arbejdskonto og kommer tilbage til Spor.
      </p>
    </section>
  );
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  // Reads the session, so the page is rendered per request.
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  const municipalities = await ssoChoices();
  const kombit = samlEnabled();
  const next = safeNext(first(params.next));

  return (
    <div className="mx-auto max-w-md">
      <ForgetOfflineCopies />
      <h1 className="mb-6 text-2xl sm:text-3xl">Log ind i Spor</h1>
      {municipalities.length || kombit ? (
        <div className="mb-6 space-y-4">
          {kombit ? <KombitSignIn next={next} /> : null}
          {municipalities.length ? <SsoForm municipalities={municipalities} next={next} /> : null}
          <h2 className="text-lg font-semibold">Eller log ind med e-mail og adgangskode</h2>
        </div>
      ) : null}
      <LoginForm next={next} loggedOut={first(params["logget-ud"]) === "1"} activated={first(params.aktiveret) === "1"} />
    </div>
  );
}
