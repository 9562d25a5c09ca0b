import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { UserFacingError } from "@/lib/errors";
import { BaseUrlError, baseUrl } from "@/lib/http/base-url";
import { isAllowedIssuer } from "./settings";

// Spor as a SAML 2.0 service provider for KOMBIT's Context Handler, configured by the environment:
// the Context Handler is one national identity provider for every municipality, and Spor's own
// certificate (FOCES/OCES system certificate) belongs to the installation, like its TLS key. Nothing
// secret is stored in the database: the private key stays in a file only the service user can read.
// docs/deployment.md ("KOMBIT's Context Handler") lists the steps and the variables.

type Env = Record<string, string | undefined>;

/** Every variable of the SAML sign-in; lib/server/config.ts checks them at start. */
const SAML_VARIABLES = [
  "SPOR_SAML_IDP_ENTITY_ID",
  "SPOR_SAML_IDP_SSO_URL",
  "SPOR_SAML_IDP_CERT",
  "SPOR_SAML_SP_KEY",
  "SPOR_SAML_SP_CERT",
  "SPOR_SAML_ENTITY_ID",
  "SPOR_SAML_ROLE_DOMAIN",
] as const;

const REQUIRED = [
  "SPOR_SAML_IDP_ENTITY_ID",
  "SPOR_SAML_IDP_SSO_URL",
  "SPOR_SAML_IDP_CERT",
  "SPOR_SAML_SP_KEY",
  "SPOR_SAML_SP_CERT",
] as const;

/** The paths under Spor's address: the metadata (also the default entity id), the ACS and the start. */
export const SAML_PATHS = {
  metadata: "/api/auth/saml/metadata",
  acs: "/api/auth/saml/acs",
  login: "/api/auth/saml/login",
} as const;

/** The default domain of Spor's "brugersystemroller" and data restrictions in KOMBIT's administration module. */
export const DEFAULT_ROLE_DOMAIN = "spor.kl.dk";

export interface SamlRoleNames {
  registrant: string;
  unitLead: string;
  coordinator: string;
  /** The data restriction (dataafgrænsning) that names the units a role covers. */
  unitConstraint: string;
}

/** KOMBIT's entity ids for Spor's roles: http://<domain>/roles/usersystemrole/<name>/1. */
export function samlRoleNames(domain: string = DEFAULT_ROLE_DOMAIN): SamlRoleNames {
  const base = `http://${domain}`;
  return {
    registrant: `${base}/roles/usersystemrole/medarbejder/1`,
    unitLead: `${base}/roles/usersystemrole/enhedsansvarlig/1`,
    coordinator: `${base}/roles/usersystemrole/tovholder/1`,
    unitConstraint: `${base}/constraints/enhed/1`,
  };
}

export interface SamlConfig {
  idpEntityId: string;
  idpSsoUrl: string;
  /** The Context Handler's signing certificates (PEM), several during a certificate rollover. */
  idpCerts: string[];
  spEntityId: string;
  acsUrl: string;
  spKey: string;
  spCert: string;
  roles: SamlRoleNames;
}

function says(danish: string, english: string): string {
  return `${danish} / ${english}`;
}

function readPem(name: string, path: string, check: (pem: string) => void): string {
  let pem: string;
  try {
    pem = fs.readFileSync(path, "utf8");
  } catch {
    throw new UserFacingError(says(`${name}: filen ${path} kan ikke læses.`, `${name}: the file ${path} cannot be read.`));
  }
  try {
    check(pem);
  } catch {
    throw new UserFacingError(says(`${name}: ${path} er ikke en gyldig PEM-fil.`, `${name}: ${path} is not a valid PEM file.`));
  }
  return pem;
}

const certificate = (pem: string) => void new crypto.X509Certificate(pem);
const privateKey = (pem: string) => void crypto.createPrivateKey(pem);

let cached: { key: string; config: SamlConfig | null } | undefined;

/**
 * The SAML settings, or null when SAML is off (none of the required variables set). A partial or
 * unreadable configuration is an error naming the variable (Danish, then English). The files are read
 * once per set of values: a new certificate file under the same path takes a restart.
 */
export function samlConfig(env: Env = process.env): SamlConfig | null {
  const key = JSON.stringify([...SAML_VARIABLES, "SPOR_BASE_URL", "PORT", "DATABASE_URL", "NODE_ENV"].map((name) => env[name] ?? null));
  if (cached?.key === key) return cached.config;
  const config = readSamlConfig(env);
  cached = { key, config };
  return config;
}

function readSamlConfig(env: Env): SamlConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const set = REQUIRED.filter((name) => value(name));
  if (!set.length) return null;
  const missing = REQUIRED.filter((name) => !value(name));
  if (missing.length) {
    throw new UserFacingError(
      says(
        `SAML-login er kun delvist sat op: ${missing.join(", ")} mangler.`,
        `SAML sign-in is only partly configured: ${missing.join(", ")} missing.`,
      ),
    );
  }
  const idpSsoUrl = value("SPOR_SAML_IDP_SSO_URL")!;
  if (!isAllowedIssuer(idpSsoUrl)) {
    throw new UserFacingError(says("SPOR_SAML_IDP_SSO_URL skal være en https-adresse.", "SPOR_SAML_IDP_SSO_URL must be an https URL."));
  }
  const idpCerts = value("SPOR_SAML_IDP_CERT")!
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((path) => readPem("SPOR_SAML_IDP_CERT", path, certificate));
  const origin = baseUrl(env);
  const domain = value("SPOR_SAML_ROLE_DOMAIN") ?? DEFAULT_ROLE_DOMAIN;
  if (!/^[a-z0-9.-]+$/i.test(domain)) {
    throw new UserFacingError(
      says(
        "SPOR_SAML_ROLE_DOMAIN skal være et domænenavn, fx spor.kl.dk.",
        "SPOR_SAML_ROLE_DOMAIN must be a domain name, e.g. spor.kl.dk.",
      ),
    );
  }
  return {
    idpEntityId: value("SPOR_SAML_IDP_ENTITY_ID")!,
    idpSsoUrl,
    idpCerts,
    spEntityId: value("SPOR_SAML_ENTITY_ID") ?? `${origin}${SAML_PATHS.metadata}`,
    acsUrl: `${origin}${SAML_PATHS.acs}`,
    spKey: readPem("SPOR_SAML_SP_KEY", value("SPOR_SAML_SP_KEY")!, privateKey),
    spCert: readPem("SPOR_SAML_SP_CERT", value("SPOR_SAML_SP_CERT")!, certificate),
    roles: samlRoleNames(domain),
  };
}

/** The start-up check (lib/server/config.ts): the configuration's problem, or null. */
export function samlConfigProblem(env: Env = process.env): string | null {
  try {
    samlConfig(env);
    return null;
  } catch (error) {
    if (error instanceof UserFacingError) return error.message;
    if (error instanceof BaseUrlError) return null; // reported on its own
    throw error;
  }
}
