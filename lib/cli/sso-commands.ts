import "server-only";
import fs from "node:fs";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { baseUrl } from "@/lib/http/base-url";
import { callbackPathOf } from "@/lib/sso/provider-id";
import { formatGroupRoles } from "@/lib/sso/group-roles";
import { listSsoSettings, removeSsoSettings, saveSsoSettings } from "@/lib/sso/settings";
import { withCliDatabase } from "./open-cli-database";

// `npx spor sso list|set|remove`: a municipality's single sign-on from the command line, for the
// operator who sets Spor up. The client secret never appears on the command line (shell history,
// the process list): it is read from SPOR_SSO_CLIENT_SECRET or from standard input.

async function municipalityOf(prisma: PrismaClient, number: string | undefined): Promise<{ id: string; number: number; name: string }> {
  const n = Number(number);
  if (!number || !Number.isInteger(n) || n <= 0) throw new UserFacingError("Angiv --municipality (kommunenummer).");
  const m = await prisma.municipality.findUnique({ where: { number: n }, select: { id: true, number: true, name: true } });
  if (!m) throw new UserFacingError(`Kommune ${n} findes ikke i Spor.`);
  return m;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

export async function runSsoList(): Promise<number> {
  return withCliDatabase(async (db) => {
    const rows = await listSsoSettings(db.prisma);
    if (!rows.length) console.log("Ingen kommuner bruger single sign-on.");
    for (const r of rows) {
      console.log(
        `${r.municipalityNumber} ${r.municipalityName}: ${r.enabled ? "slået til" : "slået fra"}; udsteder ${r.issuer}; klient-id ${r.clientId}; e-mail i claim "${r.emailClaim}"; adgangskode ${r.passwordDisabled ? "slået fra" : "tilladt"}; ${r.groupsClaim ? `${r.groupRoles.length} grupper i claim "${r.groupsClaim}" giver roller` : "ingen oprettelse fra grupper"}; redirect-URI ${baseUrl()}${callbackPathOf(r.municipalityNumber)}`,
      );
    }
    return 0;
  });
}

interface SsoSetValues {
  municipality?: string;
  issuer?: string;
  "client-id"?: string;
  "client-secret-stdin"?: boolean;
  "email-claim"?: string;
  "password-off"?: boolean;
  "password-on"?: boolean;
  disable?: boolean;
  enable?: boolean;
  "groups-claim"?: string;
  "group-roles-file"?: string;
}

export async function runSsoSet(values: SsoSetValues): Promise<number> {
  if (values["password-off"] && values["password-on"]) throw new UserFacingError("Brug enten --password-off eller --password-on.");
  if (values.disable && values.enable) throw new UserFacingError("Brug enten --disable eller --enable.");
  const secret = values["client-secret-stdin"] ? await readStdin() : process.env.SPOR_SSO_CLIENT_SECRET?.trim() || undefined;
  return withCliDatabase(async (db) => {
    const municipality = await municipalityOf(db.prisma, values.municipality);
    const current = (await listSsoSettings(db.prisma)).find((r) => r.municipalityId === municipality.id);
    const saved = await saveSsoSettings(db.prisma, { userId: null }, municipality.id, {
      issuer: values.issuer ?? current?.issuer ?? "",
      clientId: values["client-id"] ?? current?.clientId ?? "",
      clientSecret: secret,
      emailClaim: values["email-claim"] ?? current?.emailClaim,
      enabled: values.disable ? false : values.enable ? true : (current?.enabled ?? true),
      passwordDisabled: values["password-off"] ? true : values["password-on"] ? false : (current?.passwordDisabled ?? false),
      // Left out, the mapping stays; --groups-claim "" switches provisioning off.
      groupsClaim: values["groups-claim"] ?? current?.groupsClaim ?? undefined,
      groupRoles:
        values["group-roles-file"] !== undefined
          ? readGroupRolesFile(values["group-roles-file"])
          : values["groups-claim"] === ""
            ? ""
            : formatGroupRoles(current?.groupRoles ?? []),
    });
    console.log(
      `Single sign-on gemt for ${municipality.number} ${municipality.name}${secret ? " (ny klienthemmelighed gemt krypteret)" : ""}.`,
    );
    console.log(`Redirect-URI til kommunens IT: ${baseUrl()}${callbackPathOf(saved.municipalityNumber)}`);
    return 0;
  });
}

function readGroupRolesFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new UserFacingError(`Kan ikke læse filen ${file}.`);
  }
}

export async function runSsoRemove(values: { municipality?: string }): Promise<number> {
  return withCliDatabase(async (db) => {
    const municipality = await municipalityOf(db.prisma, values.municipality);
    const removed = await removeSsoSettings(db.prisma, { userId: null }, municipality.id);
    console.log(
      removed
        ? `Single sign-on fjernet for ${municipality.number} ${municipality.name}.`
        : `${municipality.number} ${municipality.name} brugte ikke single sign-on.`,
    );
    return 0;
  });
}
