import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { TOKEN_MESSAGES } from "@/lib/users/link-tokens";
import { inspectLinkToken } from "@/lib/users/queries";
import { PASSWORD_RULE_TEXT } from "@/lib/auth/password-rule";
import { ActivationForm } from "./activation-form";

export const metadata: Metadata = { title: "Aktivér bruger", referrer: "no-referrer" };

// Reads the database per request; never prerendered.
export const dynamic = "force-dynamic";

/** Public: the single-use link is the only credential. Looking at the page does not use the link up. */
export default async function ActivationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const status = await inspectLinkToken(token);
  if (status.state !== "valid") {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl sm:text-3xl">Linket virker ikke</h1>
        <Alert tone="error">{TOKEN_MESSAGES[status.state]}</Alert>
        <p>
          <Link href="/login">Gå til login</Link>
        </p>
      </div>
    );
  }
  const activation = status.purpose === "ACTIVATION";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl sm:text-3xl">{activation ? "Aktivér din bruger i Spor" : "Vælg en ny adgangskode"}</h1>
      <p>
        {activation ? "Velkommen" : "Hej"}, {status.user.name}. Din bruger er <strong>{status.user.email}</strong>.
      </p>
      <p id="adgangskode-regel">{PASSWORD_RULE_TEXT}</p>
      <ActivationForm token={token} email={status.user.email} submitLabel={activation ? "Aktivér og log ind" : "Gem og log ind"} />
    </div>
  );
}
