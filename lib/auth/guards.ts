import { notFound, redirect } from "next/navigation";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
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

/**
 * The user, or an error (never a redirect). Only the actions not yet on the wrappers use it
 * (the upload actions); every other action and route goes through lib/actions/action.ts or route.ts.
 */
export async function authorize(allowed: (access: Access) => boolean = () => true): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UserFacingError("Du er ikke logget ind.", 401);
  if (!allowed(user.access)) throw new AccessDeniedError();
  return user;
}
