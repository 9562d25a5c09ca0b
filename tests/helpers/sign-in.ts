import { getAuth } from "@/lib/auth/auth";
import { guardedSignIn } from "@/lib/auth/sign-in";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Signs in through the one sign-in door (lib/auth/sign-in.ts), exactly as the login page does, and
 * returns the session cookie header. Calling Better Auth's signInEmail directly is refused on purpose.
 */
export async function signInCookie(
  prisma: PrismaClient,
  email: string,
  password: string,
  { ip = "10.9.9.9", origin = "http://localhost:3000" }: { ip?: string; origin?: string } = {},
): Promise<string> {
  const { response } = await guardedSignIn(prisma, { email, ip }, () =>
    getAuth().api.signInEmail({
      body: { email, password },
      headers: new Headers({ origin, "x-spor-client-ip": ip }),
      asResponse: true,
    }),
  );
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
