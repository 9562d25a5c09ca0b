import "server-only";
import { db } from "@/lib/db";
import { ssoMunicipalities } from "./settings";

/** The login page's choices: municipalities whose people can sign in with their own provider. */
export async function ssoChoices(): Promise<{ number: number; name: string }[]> {
  return ssoMunicipalities(db());
}
