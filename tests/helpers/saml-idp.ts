import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as samlify from "samlify";

// A SAML 2.0 identity provider for tests (samlify), standing in for KOMBIT's Context Handler. It is
// built from Spor's own SP metadata (so the metadata must be usable), reads Spor's AuthnRequest from
// the redirect address and checks its signature with the certificate in that metadata, and answers
// with a response signed by its key: the assertion signed (what Spor requires), or only the message,
// or encrypted to Spor's certificate as the Context Handler does. The keys are fixed test keys in
// tests/fixtures/saml (self-signed, for tests only).
//
// samlify checks XML against the SAML schema through a validator module the application does not
// need; here it only parses Spor's request, whose content node-saml wrote, so the check is skipped.
samlify.setSchemaValidator({ validate: () => Promise.resolve("skipped") });

const FIXTURES = path.join(process.cwd(), "tests/fixtures/saml");
export const SAML_FIXTURE = (name: string) => path.join(FIXTURES, name);
const read = (name: string) => fs.readFileSync(SAML_FIXTURE(name), "utf8");

export const IDP_ENTITY_ID = "https://contexthandler.test.kombit.invalid/runtime/saml2/metadata.idp";
export const IDP_SSO_URL = "https://contexthandler.test.kombit.invalid/runtime/saml2/issue.idp";

/** The environment that points Spor at this identity provider (at `ssoUrl`, default a name that never resolves). */
export function samlTestEnv(ssoUrl: string = IDP_SSO_URL): Record<string, string> {
  return {
    SPOR_SAML_IDP_ENTITY_ID: IDP_ENTITY_ID,
    SPOR_SAML_IDP_SSO_URL: ssoUrl,
    SPOR_SAML_IDP_CERT: SAML_FIXTURE("idp-cert.pem"),
    SPOR_SAML_SP_KEY: SAML_FIXTURE("sp-key.pem"),
    SPOR_SAML_SP_CERT: SAML_FIXTURE("sp-cert.pem"),
  };
}

const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** OIOSAML's Basic Privilege Profile, base64: one group per municipality (CVR) with roles and unit restrictions. */
export function privilegesAttribute(groups: { cvr: string; privileges: string[]; units?: string[]; constraintName?: string }[]): string {
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    groups
      .map(
        (g) =>
          `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${g.cvr}">` +
          g.privileges.map((p) => `<Privilege>${xmlEscape(p)}</Privilege>`).join("") +
          (g.units ?? [])
            .map(
              (u) =>
                `<Constraint Name="${xmlEscape(g.constraintName ?? "http://spor.kl.dk/constraints/enhed/1")}">${xmlEscape(u)}</Constraint>`,
            )
            .join("") +
          `</PrivilegeGroup>`,
      )
      .join("") +
    `</bpp:PrivilegeList>`;
  return Buffer.from(xml, "utf8").toString("base64");
}

export interface ResponseInput {
  inResponseTo: string;
  nameId: string;
  attributes: Record<string, string | string[]>;
  /** "assertion" (default): the assertion is signed; "message": only the whole response. */
  sign?: "assertion" | "message";
  /** Sign with a key Spor does not trust. */
  untrustedKey?: boolean;
  /** Encrypt the assertion to Spor's certificate. */
  encrypt?: boolean;
  /** Another Recipient than Spor's ACS (an assertion meant for another service). */
  recipient?: string;
}

export interface TestSamlIdp {
  /** Spor's AuthnRequest from the redirect address, its signature verified: the request id and RelayState. */
  readRequest(location: string): Promise<{ id: string; relayState: string | null; acsUrl: string | null }>;
  /** A SAMLResponse (base64) for the HTTP-POST binding. */
  respond(input: ResponseInput): Promise<string>;
}

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const items = Object.entries(attributes).map(
    ([name, value]) =>
      `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
      (Array.isArray(value) ? value : [value])
        .map((v) => `<saml:AttributeValue xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`)
        .join("") +
      `</saml:Attribute>`,
  );
  return `<saml:AttributeStatement>${items.join("")}</saml:AttributeStatement>`;
}

export function createTestSamlIdp(spMetadataXml: string, ssoUrl: string = IDP_SSO_URL): TestSamlIdp {
  const idpOf = (key: string, cert: string, encrypt: boolean) =>
    samlify.IdentityProvider({
      entityID: IDP_ENTITY_ID,
      signingCert: cert,
      privateKey: key,
      wantAuthnRequestsSigned: true,
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl }],
      singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${ssoUrl}/logout` }],
      nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
      // AES-256-CBC for the data, RSA-OAEP for the key (samlify's defaults).
      isAssertionEncrypted: encrypt,
    });
  const trusted = idpOf(read("idp-key.pem"), read("idp-cert.pem"), false);
  const sp = samlify.ServiceProvider({ metadata: spMetadataXml });
  // The same SP, as if it did not ask for signed assertions: samlify then signs only the message.
  const spMessageOnly = samlify.ServiceProvider({
    metadata: spMetadataXml.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"'),
  });

  return {
    async readRequest(location) {
      const url = new URL(location);
      if (`${url.origin}${url.pathname}` !== ssoUrl) throw new Error(`not the identity provider's address: ${location}`);
      // The signed octets of the HTTP-Redirect binding: the query as sent, without the signature.
      const octetString = url.search
        .slice(1)
        .split("&")
        .filter((part) => !part.startsWith("Signature="))
        .join("&");
      const query = Object.fromEntries(url.searchParams);
      const parsed = await trusted.parseLoginRequest(sp, "redirect", { query, octetString });
      const request = (parsed.extract as { request?: { id?: string; assertionConsumerServiceUrl?: string } }).request;
      if (!request?.id) throw new Error("no request id in Spor's AuthnRequest");
      return { id: request.id, relayState: url.searchParams.get("RelayState"), acsUrl: request.assertionConsumerServiceUrl ?? null };
    },

    async respond(input) {
      const idp = input.untrustedKey
        ? idpOf(read("other-idp-key.pem"), read("other-idp-cert.pem"), Boolean(input.encrypt))
        : input.encrypt
          ? idpOf(read("idp-key.pem"), read("idp-cert.pem"), true)
          : trusted;
      const target = input.sign === "message" ? spMessageOnly : sp;
      const acs = target.entityMeta.getAssertionConsumerService("post") as string;
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60 * 1000);
      const id = `_${crypto.randomUUID()}`;
      const values = {
        ID: id,
        AssertionID: `_${crypto.randomUUID()}`,
        Destination: acs,
        Audience: target.entityMeta.getEntityID(),
        SubjectRecipient: input.recipient ?? acs,
        Issuer: IDP_ENTITY_ID,
        IssueInstant: now.toISOString(),
        StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: later.toISOString(),
        SubjectConfirmationDataNotOnOrAfter: later.toISOString(),
        NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        NameID: input.nameId,
        InResponseTo: input.inResponseTo,
        AuthnStatement: "",
      };
      const result = await idp.createLoginResponse(
        target,
        { extract: { request: { id: input.inResponseTo } } },
        "post",
        { email: input.nameId },
        {
          customTagReplacement: (template: string) => {
            // samlify's template with its {Tag}s filled in (values escaped), and the attributes.
            let xml = template.replace("{AttributeStatement}", attributeStatement(input.attributes));
            for (const [tag, value] of Object.entries(values)) xml = xml.replaceAll(`{${tag}}`, xmlEscape(value));
            return { id, context: xml };
          },
        },
      );
      return (result as { context: string }).context;
    },
  };
}

/** The response's XML, changed by `edit`, as base64 again (a tampered or stripped response). */
export function editResponse(samlResponse: string, edit: (xml: string) => string): string {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const edited = edit(xml);
  if (edited === xml) throw new Error("the edit changed nothing");
  return Buffer.from(edited, "utf8").toString("base64");
}

/** Every XML signature removed: an unsigned response. */
export const withoutSignatures = (xml: string) => xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, "");
