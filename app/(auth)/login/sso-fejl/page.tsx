import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { refusalOf, SSO_REFUSALS } from "@/lib/sso/messages";

export const metadata: Metadata = { title: "Login via din kommune lykkedes ikke" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Where a refused single sign-on lands (lib/sso/better-auth.ts sends ?grund=…, Better Auth's own
 * callback errors arrive as ?error=…). No account was created, no session started.
 */
export default async function SsoRefusedPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = refusalOf(first(params.grund), first(params.error));
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl sm:text-3xl">Du blev ikke logget ind</h1>
      <Alert tone="error">{SSO_REFUSALS[reason]}</Alert>
      <p className="text-sm text-slate-700">Du er stadig logget ind hos din kommune. Luk browseren, hvis du deler computer med andre.</p>
      <Link href="/login" className={buttonClasses("secondary")}>
        Tilbage til login
      </Link>
    </div>
  );
}
