import "server-only";
import { UserFacingError } from "@/lib/errors";
import { baseUrl } from "@/lib/http/base-url";
import { listMunicipalityCvrs, setMunicipalityCvr } from "@/lib/municipalities/cvr";
import { SAML_PATHS, samlConfig } from "@/lib/sso/saml-config";
import { withCliDatabase } from "./open-cli-database";

// `npx spor saml status|cvr`: login through KOMBIT's Context Handler from the command line. The
// service provider's settings live in the environment (docs/deployment.md); what lives in the
// database is each municipality's CVR number, which the Context Handler names the municipality by.

export async function runSamlStatus(): Promise<number> {
  const config = samlConfig();
  if (!config) console.log("Login via KOMBIT (SAML) er slået fra: SPOR_SAML_IDP_SSO_URL m.fl. er ikke sat.");
  else {
    console.log(`Login via KOMBIT (SAML) er slået til.`);
    console.log(`Spors entity id: ${config.spEntityId}`);
    console.log(`Metadata til KOMBITs administrationsmodul: ${baseUrl()}${SAML_PATHS.metadata}`);
    console.log(`Assertion Consumer Service: ${config.acsUrl}`);
    console.log(`Identity provider: ${config.idpEntityId} (${config.idpSsoUrl})`);
    console.log(
      `Roller: ${config.roles.registrant}, ${config.roles.unitLead}, ${config.roles.coordinator}; dataafgrænsning: ${config.roles.unitConstraint}`,
    );
  }
  return withCliDatabase(async (db) => {
    const rows = (await listMunicipalityCvrs(db.prisma)).filter((m) => m.cvr);
    if (!rows.length) console.log("Ingen kommune har et CVR-nummer i Spor endnu (npx spor saml cvr).");
    for (const m of rows) console.log(`${m.number} ${m.name}: CVR ${m.cvr}`);
    return 0;
  });
}

export async function runSamlCvr(values: { municipality?: string; cvr?: string; remove?: boolean }): Promise<number> {
  const n = Number(values.municipality);
  if (!values.municipality || !Number.isInteger(n) || n <= 0) throw new UserFacingError("Angiv --municipality (kommunenummer).");
  if (values.remove === Boolean(values.cvr)) throw new UserFacingError("Angiv enten --cvr NUMMER eller --remove.");
  return withCliDatabase(async (db) => {
    const municipality = await db.prisma.municipality.findUnique({ where: { number: n }, select: { id: true } });
    if (!municipality) throw new UserFacingError(`Kommune ${n} findes ikke i Spor.`);
    const saved = await setMunicipalityCvr(db.prisma, { userId: null }, municipality.id, values.remove ? null : (values.cvr ?? null));
    console.log(saved.cvr ? `${n} ${saved.name}: CVR ${saved.cvr} gemt.` : `${n} ${saved.name}: CVR-nummeret er fjernet.`);
    return 0;
  });
}
