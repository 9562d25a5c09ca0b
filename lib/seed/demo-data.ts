import "server-only";
// What the demo installation contains: two municipalities with the same small unit tree, the
// channels and tasks each unit counts, and one demo user per role. Kept apart from demo.ts so the
// README, tests and e2e fixtures can import the users without pulling in the seeding code.

import type { Role, UnitKind } from "@/lib/generated/prisma/enums";
import { FEJL_TASK } from "@/lib/reference/codes";

export const DEMO_PASSWORD = "spor-demo-2026";

export const DEMO_MUNICIPALITIES = [
  { number: 259, name: "Køge" },
  { number: 101, name: "København" },
] as const;

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  parent: string | null;
  channels: readonly string[];
  tasks: readonly string[];
}

export const UNIT_BORGERSERVICE = "Borgerservice";
export const UNIT_SKRANKE = "Borgerservice – Skranke";
export const UNIT_TELEFON = "Borgerservice – Telefon";
export const UNIT_JOBCENTER = "Jobcenter";
export const UNIT_TEKNIK = "Teknik og Miljø";

// Citizen-service tasks from KL's packages: moving, passports, driving licences, health cards,
// marriage, tax, entry/exit, address protection, funeral aid; the FEJL task is in every unit.
const CITIZEN_SERVICE_TASKS = [
  "23.05.10", // Flytning
  "23.09.02", // Pas
  "23.09.04", // Kørekort
  "29.03.04", // Sundhedskort (gult)
  "29.03.99", // EU-sygesikringskort (blåt) — KL's own number
  "29.03.12", // Valg af læge og sygesikringsgruppe
  "23.01.00", // Vielse/partnerskab
  "25.10.00", // SKAT - person
  "23.05.12", // Indrejse/udrejse
  "23.05.05", // Navne- og adressebeskyttelse
  "32.42.08", // Begravelseshjælp
  FEJL_TASK.number,
];

const JOBCENTRE_TASKS = [
  "32.24.04", // Hjælp til forsørgelse (kontanthjælp …)
  "32.30.04", // Sygedagpenge
  "32.21.00", // Enkeltydelse
  "15.20.24", // Fleksjob
  "32.24.12", // Ledighedsydelse
  "32.24.08", // Revalideringsydelse
  FEJL_TASK.number,
];

const TECHNICAL_TASKS = [
  "02.34.02", // Byggetilladelse
  "02.34.04", // Anmeldelse om byggearbejde
  "02.00.20", // Ejendomsregistrering (BBR)
  "05.12.00", // Opgravning, ledningsarbejder mv.
  "05.14.00", // Særlig råden over vej
  "05.09.02", // Parkeringslicenser
  "07.18.00", // Affald fra husholdninger
  "09.13.00", // Skadedyrsbekæmpelse
  FEJL_TASK.number,
];

/** The same tree in both municipalities; parents come before their children. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  {
    // The parent handles the written channels and the self-service counts for the whole service.
    name: UNIT_BORGERSERVICE,
    kind: "CITIZEN_SERVICE",
    parent: null,
    channels: ["EMLIND", "EMLUD", "PPRIND", "PPRUD", "DOCIND", "DOKUD", "SLVBTJN", "BRGDK"],
    tasks: CITIZEN_SERVICE_TASKS,
  },
  {
    name: UNIT_SKRANKE,
    kind: "CITIZEN_SERVICE",
    parent: UNIT_BORGERSERVICE,
    channels: ["PRSNLG", "TLFUD", "EMLUD", "DOKUD"],
    tasks: CITIZEN_SERVICE_TASKS,
  },
  {
    name: UNIT_TELEFON,
    kind: "CITIZEN_SERVICE",
    parent: UNIT_BORGERSERVICE,
    channels: ["TLFIND", "TLFUD", "EMLIND", "EMLUD", "SMSUD", "CHATIND"],
    tasks: CITIZEN_SERVICE_TASKS,
  },
  {
    name: UNIT_JOBCENTER,
    kind: "JOB_CENTRE",
    parent: null,
    channels: ["PRSNLG", "TLFIND", "TLFUD", "EMLIND", "EMLUD", "DOCIND", "DOKUD", "SLVBTJN", "SMSUD"],
    tasks: JOBCENTRE_TASKS,
  },
  {
    name: UNIT_TEKNIK,
    kind: "TECHNICAL",
    parent: null,
    channels: ["PRSNLG", "TLFIND", "TLFUD", "EMLIND", "EMLUD", "PPRIND", "PPRUD", "DOCIND", "DOKUD", "SLVBTJN"],
    tasks: TECHNICAL_TASKS,
  },
];

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  kind: "PERSON" | "UNIT_LOGIN";
  role: Role;
  /** Null for NATIONAL. */
  municipalityNumber: number | null;
  /** One membership per unit for REGISTRANT and UNIT_LEAD; empty otherwise. */
  unitNames: readonly string[];
  /** What the user demonstrates (README). */
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: "national@spor.test",
    name: "Mette Kjær (KL)",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "NATIONAL",
    municipalityNumber: null,
    unitNames: [],
    description: "KL-projektmedarbejder: opgavepakker, tællerunder og tal for alle kommuner",
  },
  {
    email: "koordinator@koege.test",
    name: "Anders Holm",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "COORDINATOR",
    municipalityNumber: 259,
    unitNames: [],
    description: "Tovholder i Køge Kommune",
  },
  {
    email: "leder@koege.test",
    name: "Birgitte Lund",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "UNIT_LEAD",
    municipalityNumber: 259,
    unitNames: [UNIT_BORGERSERVICE],
    description: "Enhedsansvarlig for Borgerservice i Køge",
  },
  {
    email: "medarbejder@koege.test",
    name: "Jonas Berg",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "REGISTRANT",
    municipalityNumber: 259,
    unitNames: [UNIT_SKRANKE, UNIT_TELEFON],
    description: "Medarbejder i Køge Borgerservice (skranke og telefon)",
  },
  {
    email: "koordinator@kbh.test",
    name: "Sofie Dahl",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "COORDINATOR",
    municipalityNumber: 101,
    unitNames: [],
    description: "Tovholder i Københavns Kommune",
  },
  {
    email: "medarbejder@kbh.test",
    name: "Omar Hassan",
    password: DEMO_PASSWORD,
    kind: "PERSON",
    role: "REGISTRANT",
    municipalityNumber: 101,
    unitNames: [UNIT_SKRANKE],
    description: "Medarbejder i Københavns Borgerservice (skranke)",
  },
];

/**
 * One optional extra question, so the registration screen and its correction dialog show a question
 * out of the box (Køge's counter only; the other demo units have none).
 */
export const DEMO_QUESTION = {
  municipalityNumber: 259,
  unitName: UNIT_SKRANKE,
  text: "Kunne henvendelsen være klaret digitalt?",
  options: ["Ja", "Nej", "Ved ikke"],
} as const;
