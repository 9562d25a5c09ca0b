import { generatePassword } from "@/lib/auth/users";
import { type ProvisionInput, provisionUser } from "@/lib/users/provision";
import { withCliDatabase } from "./open-cli-database";

export async function runUserCreate(values: Partial<Record<keyof ProvisionInput, string>>): Promise<number> {
  return withCliDatabase(async (db) => {
    const password = generatePassword();
    const user = await provisionUser(db.prisma, values as ProvisionInput, password);
    console.log(`Bruger oprettet: ${user.email} (${user.role}).`);
    console.log(`Adgangskode (vises kun nu – giv den videre sikkert, og bed brugeren skifte den): ${password}`);
    return 0;
  });
}
