import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface NewUser {
  email: string;
  name: string;
  password: string;
  kind?: "PERSON" | "UNIT_LOGIN";
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a user with an email + password credential in Better Auth's tables, with the password
 * hashed by Better Auth's own hasher (scrypt), so Better Auth signs them in as if it had made them.
 */
export async function createUserWithPassword(prisma: PrismaClient, input: NewUser): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const email = normaliseEmail(input.email);
  const hash = await hashPassword(input.password);
  await prisma.user.create({
    data: {
      id,
      email,
      name: input.name,
      kind: input.kind ?? "PERSON",
      emailVerified: true,
      accounts: {
        create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: hash },
      },
    },
  });
  return { id };
}

/** A strong random password for accounts an operator creates from the command line. */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}
