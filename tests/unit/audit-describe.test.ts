import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionLabel, describeAuditEvent, describeValues } from "@/lib/audit/describe";

// The audit log in Danish (lib/audit/describe.ts): every action Spor audits has a label and a verb,
// and its before/after values, as the code writes them, come out as Danish words without raw keys,
// ids or UTC times.

const UNIT = "0b5d1a52-6a4e-4a8f-9d55-5a2b3c4d5e6f";
const OTHER_UNIT = "1c6e2b63-7b5f-4b90-8e66-6b3c4d5e6f70";
const TASK = "2d7f3c74-8c60-4ca1-9f77-7c4d5e6f7081";
const names = {
  unit: (id: string) => ({ [UNIT]: "Borgerservice", [OTHER_UNIT]: "Jobcenter" })[id],
  user: (id: string) => ({ u1: "Anna Jensen" })[id],
  task: (id: string) => (id === TASK ? "05.10.08 Pas" : undefined),
};

/** Each audited action with before/after shaped as the code that writes it (see the file named). */
const SAMPLES: Record<string, { before?: unknown; after?: unknown }> = {
  "unit.create": { after: { name: "Pas og kørekort", parentId: UNIT, kind: "CITIZEN_SERVICE", channels: ["TLFIND", "PRSNLG"] } }, // units/tree.ts
  "unit.update": { before: { name: "Borgerservice", kind: "OTHER" }, after: { name: "Borgerservice Nord", kind: "CITIZEN_SERVICE" } },
  "unit.move": { before: { parentId: UNIT }, after: { parentId: null } },
  "unit.archive": { before: { archived: false }, after: { archived: true, unitIds: [UNIT, OTHER_UNIT], unitLoginsDeactivated: 1 } },
  "unit.reactivate": { before: { archived: true }, after: { archived: false } },
  "unit.delete": { before: { name: "Gammel enhed", parentId: UNIT, kind: "OTHER" } },
  "unit.channels": { before: { channels: ["TLFIND"] }, after: { channels: ["TLFIND", "MAILIND"] } }, // units/setup.ts
  "unit.channels.order": { before: { order: ["TLFIND", "MAILIND"] }, after: { order: ["MAILIND", "TLFIND"] } }, // units/order.ts
  "unit.tasks.add": { after: { package: "Borgerservice 2026", added: ["05.10.08", "23.05.10"] } },
  "unit.tasks.remove": { before: { removed: ["05.10.08"] }, after: {} },
  "unit.tasks.order": { before: { order: ["05.10.08", "23.05.10"] }, after: { order: ["23.05.10", "05.10.08"] } },
  "unit.copy": {
    before: { channels: ["TLFIND"], tasks: [] },
    after: { channels: ["TLFIND"], tasks: ["05.10.08"], from: "Jobcenter", mode: "replace" },
  },
  "unit.options": { before: { timeMeasurement: false, testMode: true }, after: { timeMeasurement: true, testMode: false } },
  "unit.test-registrations.delete": { before: { testRegistrations: 12 }, after: { testRegistrations: 0 } },
  "unit.login.create": { after: { login: "pas-skranke" } }, // units/unit-login.ts
  "unit.login.rename": { before: { login: "pas", active: true }, after: { login: "pas-skranke", active: true } },
  "unit.login.enable": { before: { login: "pas", active: false }, after: { login: "pas", active: true } },
  "unit.login.password": { after: { login: "pas" } },
  "unit.login.disable": { before: { login: "pas", active: true }, after: { login: "pas", active: false } },
  "setup.start-from-last-round": {
    before: { units: [{ id: UNIT }] },
    after: {
      from: { id: "r1", name: "Forår 2026", saved: true },
      to: { id: "r2", name: "Efterår 2026", packageName: null },
      unitsCreated: 1,
      unitsReactivated: 0,
      unitsMoved: 0,
      unitsChanged: 2,
      channelChanges: 3,
      taskChanges: 4,
      obligatoryAdded: 0,
      skipped: [],
    },
  },
  "weeks.round.set": {
    before: { round: "Efterår 2026", weeks: [43] },
    after: { round: "Efterår 2026", weeks: [43, 44], reason: "import" },
  },
  "weeks.round.leave": { before: { round: "Efterår 2026", weeks: [43, 44] }, after: { round: "Efterår 2026", weeks: [] } },
  "weeks.local.create": { after: { name: "Egen uge", startsOn: "2026-11-02", endsOn: "2026-11-06" } },
  "weeks.local.delete": { before: { name: "Egen uge", startsOn: "2026-11-02", endsOn: "2026-11-06" } },
  "user.invite": { after: { name: "Bo Hansen", email: "bo@koege.dk", role: "REGISTRANT", unitIds: [UNIT] } }, // users/users.ts
  "user.create": { after: { email: "bo@koege.dk", role: "COORDINATOR", municipalityId: "m1", unitId: null } }, // users/provision.ts
  "user.access": { before: { memberships: [{ role: "REGISTRANT", unitId: UNIT }] }, after: { role: "UNIT_LEAD", unitIds: [OTHER_UNIT] } },
  "user.link.activation": { after: { role: "REGISTRANT", expiresAt: "2026-12-08T09:30:00.000Z" } },
  "user.link.reset": { after: { role: "COORDINATOR", expiresAt: "2026-07-01T22:15:00.000Z" } },
  "user.links.download": { after: { count: 3, userIds: ["u1", "u2", "u3"] } }, // users/link-download.ts
  "user.activate": { after: { issuedBy: "u1", tokenId: "t1" } }, // users/link-tokens.ts
  "user.password-reset": { after: { issuedBy: "u1", tokenId: "t1" } },
  "user.deactivate": { before: { active: true }, after: { active: false } },
  "user.reactivate": { before: { active: false }, after: { active: true } },
  "user.password-change": { after: { otherSessionsRevoked: true } }, // auth/auth.ts
  "user.password-change.failed": { after: { reason: "policy" } },
  "login.success": { after: { method: "password" } }, // auth/sign-in.ts
  "login.failure": { after: { email: "bo@koege.dk", reason: "wrong-password" } },
  logout: {},
  "session.revoke": { after: { reason: "deactivated", sessions: 2 } },
  "session.expire": { after: { reason: "max-age", createdAt: "2026-10-01T06:00:00.000Z" } },
  "access.denied": { after: { reason: "Du har ikke adgang til denne handling." } }, // actions/action.ts, route.ts
  "privacy.purge": {
    after: {
      sessions: 12,
      verifications: 0,
      loginAttempts: 340,
      auditEvents: 5000,
      anonymisedUsers: 2,
      auditDays: 1900,
      deactivatedDays: 365,
    },
  }, // privacy/purge.ts
  "question.create": { after: { text: "Var borgeren tilfreds?", required: true, options: ["Ja", "Nej"], roundId: "r1", unitIds: [UNIT] } }, // questions/questions.ts
  "question.create.national": { after: { text: "Digital post?", required: false, options: [{ label: "Ja" }, { label: "Nej" }] } },
  "question.update": {
    before: { text: "Tilfreds?", required: false, options: ["Ja"] },
    after: { text: "Var borgeren tilfreds?", required: true, options: ["Ja", "Nej"], unitIds: [] },
  },
  "question.units": { before: { unitIds: [UNIT] }, after: { unitIds: [UNIT, OTHER_UNIT] } },
  "question.archive": { before: { archived: false }, after: { archived: true } },
  "question.reactivate": { before: { archived: true }, after: { archived: false } },
  "api-token.create": { after: { name: "Borgerservice-system", prefix: "spor_ab12", unitIds: [UNIT] } }, // ingestion/tokens.ts
  "api-token.revoke": { before: { name: "Borgerservice-system", prefix: "spor_ab12" } },
  "registration.correct": {
    // registrations/mutations.ts, snapshot()
    before: {
      channelCode: "TLFIND",
      taskId: TASK,
      contactTypeCode: "OPRET",
      closureCode: "STRAKS",
      form: null,
      occurredAt: "2026-10-20T08:05:00.000Z",
      answers: [],
    },
    after: {
      channelCode: "PRSNLG",
      taskId: TASK,
      contactTypeCode: "STATUS",
      closureCode: "STRAKS",
      form: true,
      occurredAt: "2026-10-20T08:05:00.000Z",
      answers: [],
    },
  },
  "registration.undo": {
    before: {
      channelCode: "TLFIND",
      taskId: TASK,
      contactTypeCode: null,
      closureCode: null,
      form: null,
      occurredAt: "2026-10-20T08:05:00.000Z",
      answers: [],
    },
  },
  "registration.delete": {
    before: {
      channelCode: "TLFIND",
      taskId: TASK,
      contactTypeCode: null,
      closureCode: null,
      form: false,
      occurredAt: "2026-10-20T08:05:00.000Z",
      answers: [],
    },
  },
  "batch.create": { after: { kind: "UPLOAD", fileName: "uge43.csv", rowCount: 40, totalQuantity: 412, confirmedDuplicate: true } }, // exchange/import-rows.ts
  "batch.undo": {
    before: {
      id: "b1",
      kind: "MASS",
      fileName: null,
      rowCount: 3,
      totalQuantity: 30,
      registrations: 3,
      removedQuestions: 0,
      removedOptions: 0,
    },
  },
  "reference.import": { after: { kind: "REFERENCE_UPLOAD", fileName: "puzzel.csv", rowCount: 5, totalQuantity: 49 } }, // coverage/reference-import.ts
  "coverage.threshold": { before: { threshold: 80 }, after: { threshold: 75 } }, // coverage/threshold.ts
  "questionnaire.question.create": {
    after: { round: "Efterår 2026", kind: "CHOICE", text: "Har kommunen en kanalstrategi?", options: ["Ja", "Nej"], isPublic: true },
  }, // questionnaire/define.ts
  "questionnaire.question.update": {
    before: { text: "Kanalstrategi?", options: ["Ja"], isPublic: false },
    after: { text: "Kanalstrategi?", options: ["Ja", "Nej"], isPublic: true },
  },
  "questionnaire.question.delete": { before: { text: "Kanalstrategi?", kind: "CHOICE", options: ["Ja", "Nej"] } },
  "questionnaire.question.move": { before: { position: 2 }, after: { position: 1 } },
  "questionnaire.copy": { after: { round: "Efterår 2026", from: "Forår 2026", questions: 16 } },
  "questionnaire.answer": { before: { "Spørgsmål 1": null }, after: { round: "Efterår 2026", "Spørgsmål 1": "Ja", "Spørgsmål 2": 12 } }, // questionnaire/answer.ts
  "quality.thresholds": {
    before: { fejlShare: null, straksShare: null, oneTaskShare: null, rareFormShare: null },
    after: { fejlShare: 25, straksShare: null, oneTaskShare: 35, rareFormShare: null },
  }, // quality/thresholds.ts
  "selfservice.vendor.import": {
    after: { uploadId: "u1", fileName: "leverandoerer-2026-efteraar.csv", rowCount: 42, totalQuantity: 1830 },
  }, // self-service/vendor-import.ts
  "selfservice.grid.save": {
    before: { replacedBatches: ["b0"] },
    after: { roundId: "r1", source: "STATISTICS_MODULE", solution: "KMD Ansøg", rowCount: 6, totalQuantity: 240 },
  }, // self-service/grid.ts
  "selfservice.choice": { before: { choice: "OWN" }, after: { choice: "VENDOR" } }, // self-service/grid.ts
  "round.approve": { after: { round: "Efterår 2026", findings: 3, findingsSeen: true } }, // approval/approval.ts
  "round.reopen": { before: { round: "Efterår 2026", approvedAt: "2026-12-01T09:00:00.000Z" } },
  "export.registrations": {
    after: {
      format: "csv",
      municipalityIds: ["m1"],
      from: "2026-10-18T22:00:00.000Z",
      to: null,
      unitIds: [],
      taskIds: [],
      channelCodes: ["TLFIND"],
    },
  },
  "municipality.create": { after: { number: 259, name: "Køge Kommune" } }, // municipalities/onboarding.ts
  "round.create": { after: { name: "Efterår 2026", year: 2026, firstWeek: 43, weeks: 3, package: "Borgerservice 2026" } }, // counting/rounds.ts
  "round.update": {
    before: { name: "Efterår 2026", year: 2026, firstWeek: 43, weeks: 3, package: null },
    after: { name: "Efterår 2026", year: 2026, firstWeek: 44, weeks: 2, package: "Borgerservice 2026" },
  },
  "round.delete": { before: { name: "Efterår 2026" } },
  "package.create": { after: { name: "Borgerservice 2027", copiedFrom: "Borgerservice 2026", tasks: 76 } }, // tasks/packages.ts
  "package.update": { before: { name: "BS 2026", description: null }, after: { name: "Borgerservice 2026", description: "KL's pakke" } },
  "package.tasks.add": { after: { tasks: ["05.10.08"], obligatory: true, needGroup: "Bølge 1" } },
  "package.item": { before: { task: "05.10.08", obligatory: true, removed: false }, after: { task: "05.10.08", obligatory: false } },
  "package.delete": { before: { name: "BS 2026" } },
  "kle.import": { after: { publishedOn: "2026-09-01", created: 12, updated: 3, unchanged: 3100, titlesHeld: 2 } }, // tasks/kle.ts
  "channel_price.set_national": { before: { priceOre: 7500 }, after: { priceOre: 8000, validFrom: "2026-12-01" } }, // reports/prices.ts
  "channel_price.set_local": { before: { priceOre: null }, after: { priceOre: 4550, validFrom: "2026-12-01" } },
  "landkort.publish": { before: { publishLandkort: false }, after: { publishLandkort: true } }, // landkort/publication.ts
  "landkort.unpublish": { before: { publishLandkort: true }, after: { publishLandkort: false } },
  "sso.settings.save": {
    // sso/settings.ts
    before: {
      issuer: "https://login.microsoftonline.com/t/v2.0",
      clientId: "c1",
      emailClaim: "email",
      enabled: true,
      passwordDisabled: false,
    },
    after: {
      issuer: "https://login.microsoftonline.com/t/v2.0",
      clientId: "c1",
      emailClaim: "upn",
      enabled: true,
      passwordDisabled: true,
      secretChanged: false,
    },
  },
  "sso.settings.remove": { before: { issuer: "https://login.microsoftonline.com/t/v2.0", clientId: "c1" } },
  "municipality.cvr": { before: { cvr: null }, after: { cvr: "29189714" } }, // municipalities/cvr.ts
};

/** Every action string the code passes to the audit log. */
function auditedActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "audit") walk(file);
      } else if (file.endsWith(".ts")) {
        const text = fs.readFileSync(file, "utf8");
        for (const m of text.matchAll(/action:\s*([^\n,]+(?:\?[^\n]+)?)/g)) {
          for (const q of m[1].matchAll(/"([a-z][\w-]*(?:\.[\w-]+)+|logout)"/g)) found.add(q[1]);
        }
        for (const m of text.matchAll(/audit\(ctx, tx, input, (?:reactivate \? )?"([^"]+)"(?: : "([^"]+)")?/g)) {
          for (const a of m.slice(1)) if (a) found.add(a);
        }
      }
    }
  };
  walk(path.join(process.cwd(), "lib"));
  return [...found].sort();
}

describe("the audit log in Danish", () => {
  it("knows every action the code audits (found in lib/), and has an example of each here", () => {
    const actions = auditedActions();
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((a) => !AUDIT_ACTIONS[a])).toEqual([]);
    expect(Object.keys(AUDIT_ACTIONS).filter((a) => !SAMPLES[a])).toEqual([]);
  });

  for (const [action, sample] of Object.entries(SAMPLES)) {
    it(`${action}: a sentence and before/after in words`, () => {
      const sentence = describeAuditEvent({ action, actor: "Anna Jensen", unit: "Borgerservice", subject: "Bo Hansen" });
      expect(sentence).toMatch(/^Anna Jensen [a-zæøå]/);
      expect(sentence).not.toContain(action);
      if (AUDIT_ACTIONS[action].object === "unit") expect(sentence).toContain("enheden Borgerservice");
      if (AUDIT_ACTIONS[action].object === "user") expect(sentence).toMatch(/Bo Hansen\.$/);
      for (const value of [sample.before, sample.after]) {
        const text = describeValues(value, names);
        expect(text, JSON.stringify(value)).not.toMatch(/[{}]|\b[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}T|undefined|null|\[object/);
        // No key stays in English: every key shown is a Danish label followed by a colon.
        for (const key of Object.keys((value as object) ?? {})) expect(text).not.toMatch(new RegExp(`(^|; )${key}:`));
      }
      expect(auditActionLabel(action)).toBe(AUDIT_ACTIONS[action].label);
    });
  }

  it("names units, people and tasks instead of ids, and shows times in Danish time", () => {
    expect(describeValues(SAMPLES["unit.create"].after, names)).toBe(
      "Navn: Pas og kørekort; Placering: Borgerservice; Type: Borgerservice; Kanaler: TLFIND, PRSNLG",
    );
    expect(describeValues(SAMPLES["unit.move"].after, names)).toBe("Placering: øverst i træet");
    expect(describeValues(SAMPLES["user.access"].before, names)).toBe("Roller: medarbejder i Borgerservice");
    expect(describeValues(SAMPLES["user.access"].after, names)).toBe("Rolle: enhedsleder; Enheder: Jobcenter");
    // 08.05 UTC in October (summer time) is 10.05 in Copenhagen; 09.30 UTC in December is 10.30.
    expect(describeValues(SAMPLES["registration.correct"].after, names)).toBe(
      "Kanal: PRSNLG; Opgave: 05.10.08 Pas; Henvendelsestype: STATUS; Afslutning: STRAKS; Blanket: ja; Tidspunkt: 20.10.2026 10.05; Svar på ekstra spørgsmål: ingen",
    );
    expect(describeValues(SAMPLES["user.link.activation"].after, names)).toBe("Rolle: medarbejder; Udløber: 08.12.2026 10.30");
    expect(describeValues(SAMPLES["weeks.local.create"].after, names)).toBe("Navn: Egen uge; Fra: 02.11.2026; Til: 06.11.2026");
  });

  it("says what changed in plain words: yes/no, kroner, reasons, modes", () => {
    expect(describeValues(SAMPLES["unit.options"].after)).toBe("Tidsmåling: ja; Prøvetælling: nej");
    expect(describeValues(SAMPLES["channel_price.set_local"].before)).toBe("Pris: ingen egen pris");
    expect(describeValues(SAMPLES["channel_price.set_local"].after)).toBe("Pris: 45,50 kr.; Gælder fra: 01.12.2026");
    expect(describeValues(SAMPLES["session.expire"].after)).toMatch(
      /^Årsag: sessionen havde nået sin maksimale varighed; Oprettet: 01\.10\.2026 08\.00$/,
    );
    expect(describeValues(SAMPLES["unit.copy"].after)).toBe(
      "Kanaler: TLFIND; Opgaver: 05.10.08; Fra: Jobcenter; Måde: erstattede det, enheden havde",
    );
    expect(describeValues(SAMPLES["batch.create"].after)).toBe(
      "Type: upload; Fil: uge43.csv; Rækker: 40; Henvendelser: 412; Samme fil igen, bekræftet: ja",
    );
    expect(describeValues(SAMPLES["setup.start-from-last-round"].after)).toMatch(
      /^Fra: Forår 2026; Til: Efterår 2026; Enheder oprettet: 1;/,
    );
    expect(describeValues({ weeks: [43, 44] })).toBe("Uger: uge 43, 44");
    expect(describeValues(SAMPLES["landkort.publish"].after)).toBe("Offentliggjort på Det Digitale Landkort: ja");
  });

  it("whole sentences: who did what to which unit or person", () => {
    expect(describeAuditEvent({ action: "unit.update", actor: "Anna Jensen", unit: "Borgerservice" })).toBe(
      "Anna Jensen omdøbte eller ændrede type for enheden Borgerservice.",
    );
    expect(describeAuditEvent({ action: "user.deactivate", actor: "Anna Jensen", subject: "Bo Hansen" })).toBe(
      "Anna Jensen deaktiverede Bo Hansen.",
    );
    expect(describeAuditEvent({ action: "batch.create", actor: "Anna Jensen", unit: "Borgerservice" })).toBe(
      "Anna Jensen indlæste registreringer (Borgerservice).",
    );
    expect(describeAuditEvent({ action: "login.success", actor: "Bo Hansen" })).toBe("Bo Hansen loggede ind.");
    expect(describeAuditEvent({ action: "something.new", actor: "System" })).toBe("System: Anden hændelse (something.new).");
  });
});
