import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";
import { checkPassword, passwordProblem, personalWords } from "./password-policy";

type Reader = Pick<Prisma.TransactionClient, "user">;

/** The person's own words for the password rule: e-mail, name and the names of their municipalities. */
export async function personalWordsOf(prisma: Reader, userId: string): Promise<string[]> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, memberships: { select: { municipality: { select: { name: true } } } } },
  });
  if (!user) return personalWords({});
  return personalWords({ email: user.email, name: user.name, municipalities: user.memberships.map((m) => m.municipality?.name) });
}

/** Refuses (in Danish) a new password that breaks the rule for this person. */
export async function assertPasswordAllowed(prisma: Reader, userId: string, password: string): Promise<void> {
  const verdict = checkPassword(password, await personalWordsOf(prisma, userId));
  if (!verdict.ok) throw new UserFacingError(passwordProblem(verdict));
}
