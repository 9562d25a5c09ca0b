import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Actor } from "./access";
import { getAuth } from "./auth";
import { sessionSettings } from "./config";
import { loadAccess } from "./load-access";

/** The signed-in user: an actor with a name. */
export interface CurrentUser extends Actor {
  name: string;
  email: string;
  kind: "PERSON" | "UNIT_LOGIN";
}

/**
 * The signed-in user for this request, or null. Server-only: reads the session cookie, checks the
 * session row in the database (so a logged-out or revoked session is dead at once), refuses
 * deactivated users, and loads role + scope. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // headers() first: it marks the render dynamic before anything opens the database.
  return userFromHeaders(await headers());
});

/**
 * The same check for a route handler, from its request's own headers. Better Auth's before-hook ends
 * a session past its absolute lifetime before getSession could renew it (lib/auth/auth.ts); the age
 * is checked here once more, so no path accepts such a session.
 */
export async function userFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  let session;
  try {
    session = await getAuth().api.getSession({ headers: requestHeaders });
  } catch (error) {
    // e.g. a session deleted between the read and its renewal: simply not signed in.
    if (isAPIError(error) && error.statusCode < 500) return null;
    throw error;
  }
  if (!session) return null;
  if (new Date(session.session.createdAt).getTime() <= Date.now() - sessionSettings().maxAgeSeconds * 1000) return null;
  const user = await db().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, name: true, email: true, kind: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt) return null;
  return { id: user.id, name: user.name, email: user.email, kind: user.kind, access: await loadAccess(db(), user.id) };
}
