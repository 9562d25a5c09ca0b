import "server-only";
import type { Actor } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SettingsInput } from "./schema";

/** Saves the caller's own preferences on the registration screen (single-key shortcuts on or off). */
export async function saveSettings(prisma: PrismaClient, actor: Pick<Actor, "id">, input: SettingsInput): Promise<void> {
  await prisma.user.update({ where: { id: actor.id }, data: { shortcutsEnabled: input.shortcutsEnabled } });
}
