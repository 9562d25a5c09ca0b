// Spor's fixed code tables: channels, contact types, closures and the special task.
// Codes are the ones TraceTool exported and stay stable so old exports can be imported.
// Pure TypeScript (no database): the seed writes these into the reference tables, and pure
// rules (self-service rate, form question) can use them without a query.

import type { ContactTypeGroup, Direction } from "@/lib/generated/prisma/enums";

export interface ChannelDefinition {
  code: string;
  /** Danish name; both directions of a channel share the name, the direction tells them apart. */
  name: string;
  direction: Direction;
  /** Counts as self-service in the self-service rate. */
  selfService: boolean;
  /** Whether the registrant is asked "Blanket: ja/nej". */
  asksForm: boolean;
  /** Counted in bulk (web visits): type, closure and form are not asked, and reports leave such contacts out of those shares. */
  bulk: boolean;
  sortOrder: number;
}

// asksForm: the form question is about a paper or digital form arriving with (or sent in) a contact,
// to find forms still typed in by hand. A form can come with a contact on every channel that carries
// writing or a file — a visit, a letter, an e-mail, Digital Post, an SMS or chat message, a social
// media message, a self-service application (which *is* the form), a system message, an output
// manager or remote print job; the real 2013 export carries JA on SYSIND, SYSMEDIND, SLVBTJN, MGRUD
// and FPRNT. It is never asked for telephone (a conversation carries no form; TraceTool wrote NEJ on
// every telephone row without asking) nor for web visits, which are counted in bulk (`bulk`), not
// registered contact by contact. Where it is not asked, form is stored as not asked (null).
const channel = (
  code: string,
  name: string,
  direction: Direction,
  sortOrder: number,
  flags: { selfService?: boolean; asksForm?: boolean; bulk?: boolean } = {},
): ChannelDefinition => ({
  code,
  name,
  direction,
  selfService: flags.selfService ?? false,
  asksForm: flags.asksForm ?? true,
  bulk: flags.bulk ?? false,
  sortOrder,
});

export const CHANNELS: readonly ChannelDefinition[] = [
  channel("PRSNLG", "Personligt fremmøde", "IN", 10),
  channel("PRSNLGUD", "Personligt fremmøde", "OUT", 20),
  channel("TLFIND", "Telefon", "IN", 30, { asksForm: false }),
  channel("TLFUD", "Telefon", "OUT", 40, { asksForm: false }),
  channel("EMLIND", "E-mail", "IN", 50),
  channel("EMLUD", "E-mail", "OUT", 60),
  channel("PPRIND", "Papirbrev", "IN", 70),
  channel("PPRUD", "Papirbrev", "OUT", 80),
  // The old codes really are spelled differently (DOC… in, DOK… out).
  channel("DOCIND", "Digital Post", "IN", 90),
  channel("DOKUD", "Digital Post", "OUT", 100),
  channel("SMSIND", "SMS", "IN", 110),
  channel("SMSUD", "SMS", "OUT", 120),
  channel("CHATIND", "Chat", "IN", 130),
  channel("SOMEIND", "Sociale medier", "IN", 140),
  channel("SOMEUD", "Sociale medier", "OUT", 150),
  channel("SLVBTJN", "Selvbetjening", "IN", 160, { selfService: true }),
  channel("BRGDK", "Borger.dk / tællerscript", "IN", 170, { selfService: true }),
  channel("NEMREF", "NemRefusion", "IN", 180, { selfService: true }),
  channel("WEB", "Besøg på hjemmeside", "IN", 190, { asksForm: false, bulk: true }),
  channel("MGRUD", "Output manager", "OUT", 200),
  channel("FPRNT", "Fjernprint", "OUT", 210),
  channel("SYSIND", "Systemhenvendelse", "IN", 220),
  channel("SYSECOIND", "Økonomisystem", "IN", 230),
  channel("SYSECOUD", "Økonomisystem", "OUT", 240),
  channel("SYSMEDIND", "MedCom", "IN", 250),
];

export interface ContactTypeDefinition {
  code: string;
  label: string;
  group: ContactTypeGroup;
  sortOrder: number;
}

// Only OPRET and STATUS are transactions; INFO stopped counting as one in 2012.
export const CONTACT_TYPES: readonly ContactTypeDefinition[] = [
  { code: "OPRET", label: "Oprettelse af ny sag", group: "TRANSACTION", sortOrder: 10 },
  { code: "STATUS", label: "Ændring af status på eksisterende sag", group: "TRANSACTION", sortOrder: 20 },
  { code: "INFO", label: "Information vedr. eksisterende sag", group: "CASE_INFORMATION", sortOrder: 30 },
  { code: "VEJL", label: "Generelle råd og vejledning", group: "GENERAL_INFORMATION", sortOrder: 40 },
  { code: "SLVBTJN", label: "Hjælp til selvbetjening", group: "GENERAL_INFORMATION", sortOrder: 50 },
  { code: "FEJL", label: "Fejlhenvendelse", group: "GENERAL_INFORMATION", sortOrder: 60 },
];

export const CONTACT_TYPE_GROUP_LABELS: Readonly<Record<ContactTypeGroup, string>> = {
  TRANSACTION: "Transaktion (sagsspecifik)",
  CASE_INFORMATION: "Sagsinformation (sagsspecifik)",
  GENERAL_INFORMATION: "Generel information",
};

export interface ClosureDefinition {
  code: string;
  label: string;
  sortOrder: number;
}

export const CLOSURES: readonly ClosureDefinition[] = [
  { code: "STRAKS", label: "Straksafsluttet", sortOrder: 10 },
  { code: "HOLD", label: "Lagt til videre behandling", sortOrder: 20 },
];

/**
 * A contact handed on to another unit ("stillet videre"): the unit that closes it registers it, so
 * this registration is kept but counts in no figure (docs/method.md, "Hand-offs and several tasks").
 * Offered on the registration screen only; counts typed in (mass registration, paper sheets) are of
 * contacts the unit handled.
 */
export const HANDOFF_CLOSURE: ClosureDefinition = { code: "VIDERE", label: "Stillet videre til anden enhed", sortOrder: 30 };

/** Every closure a registration may carry: the method's two and the hand-off. */
export const REGISTRATION_CLOSURES: readonly ClosureDefinition[] = [...CLOSURES, HANDOFF_CLOSURE];

/** The special task for contacts about something outside the municipality's remit. */
export const FEJL_TASK = { number: "FEJL", title: "Fejlhenvendelse" } as const;

const channelIndex = new Map(CHANNELS.map((c) => [c.code, c]));
const contactTypeIndex = new Map(CONTACT_TYPES.map((t) => [t.code, t]));
const closureIndex = new Map(REGISTRATION_CLOSURES.map((c) => [c.code, c]));

export function channelByCode(code: string): ChannelDefinition | undefined {
  return channelIndex.get(code);
}

export function contactTypeByCode(code: string): ContactTypeDefinition | undefined {
  return contactTypeIndex.get(code);
}

export function closureByCode(code: string): ClosureDefinition | undefined {
  return closureIndex.get(code);
}

/** A channel's name with its direction, for lists that mix both directions ("Telefon (ind)"). */
export function channelLabel(code: string): string {
  const c = channelIndex.get(code);
  if (!c) return code;
  return `${c.name} (${c.direction === "IN" ? "ind" : "ud"})`;
}

export function isSelfServiceChannel(code: string): boolean {
  return channelIndex.get(code)?.selfService ?? false;
}

// Channels no member of staff handles: the citizen's own self-service, web visits counted in bulk, and
// the machine channels (system messages, output manager, remote print). Nobody makes a tally mark for
// them, so the paper tally sheet and its "Indtast skema" grid leave them out.
const MACHINE_CHANNELS = new Set(["MGRUD", "FPRNT", "SYSIND", "SYSECOIND", "SYSECOUD", "SYSMEDIND"]);

/** Whether staff handle contacts on this channel (a column of the paper tally sheet). */
export function isStaffChannel(code: string): boolean {
  const c = channelIndex.get(code);
  return !!c && !c.selfService && !c.bulk && !MACHINE_CHANNELS.has(code);
}

export function channelAsksForm(code: string): boolean {
  return channelIndex.get(code)?.asksForm ?? false;
}

/** OPRET and STATUS: the numerator and denominator of the self-service rate. */
export function isTransaction(contactTypeCode: string | null | undefined): boolean {
  return contactTypeCode != null && contactTypeIndex.get(contactTypeCode)?.group === "TRANSACTION";
}

/** Sagsspecifik: the three types that need a case reference (CPR, CVR, matrikel …). */
export function isCaseSpecific(contactTypeCode: string | null | undefined): boolean {
  const group = contactTypeCode == null ? undefined : contactTypeIndex.get(contactTypeCode)?.group;
  return group === "TRANSACTION" || group === "CASE_INFORMATION";
}

/** The level a KLE-style number implies: xx → hovedgruppe, xx.xx → gruppe, xx.xx.xx → emne. */
export function taskLevelOfNumber(number: string): "HOVEDGRUPPE" | "GRUPPE" | "EMNE" | null {
  if (/^\d{2}$/.test(number)) return "HOVEDGRUPPE";
  if (/^\d{2}\.\d{2}$/.test(number)) return "GRUPPE";
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(number)) return "EMNE";
  return null;
}
