import "server-only";
import { type Access, canAdministerMunicipality } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// Every administrative change goes through functions that take an AdminContext: who acts, with
// which role and scope, on which database, at what time. The functions check the scope themselves
// (the server actions are thin), so tests call them exactly as the actions do.

export interface AdminContext {
  prisma: PrismaClient;
  actorId: string;
  access: Access;
  /** The client's address, written into the audit events the change causes. */
  ip?: string | null;
  /** "Now" (tests move it); defaults to the clock. */
  now?: Date;
}

export type Tx = Prisma.TransactionClient;

export function nowOf(ctx: { now?: Date }): Date {
  return ctx.now ?? new Date();
}

/** Only the municipality's own coordinator changes its setup; national staff read. */
export function assertAdminister(ctx: AdminContext, municipalityId: string): void {
  if (!canAdministerMunicipality(ctx.access, municipalityId)) throw new AccessDeniedError();
}

/** One administrative change: all of it, with its audit entries, or nothing. */
export function adminTransaction<T>(ctx: AdminContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.prisma.$transaction(fn, { maxWait: 15_000, timeout: 60_000 });
}
