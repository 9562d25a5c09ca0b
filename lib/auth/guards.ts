import { notFound, redirect } from "next/navigation";
import { type Access, type Section, sectionsFor } from "./access";
import { type CurrentUser, getCurrentUser } from "./current-user";

// Guards for the three kinds of public entry point. All fail closed.

/** Pages and layouts: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/**
 * Pages: the user, if `allowed` says yes; otherwise "not found", so a guessed id in a URL
 * reveals nothing about whether another municipality's record exists.
 */
export async function requirePageAccess(allowed: (access: Access) => boolean): Promise<CurrentUser> {
  const user = await requireUser();
  if (!allowed(user.access)) notFound();
  return user;
}

export async function requireSection(section: Section): Promise<CurrentUser> {
  return requirePageAccess((access) => sectionsFor(access).includes(section));
}
