import "server-only";
import type { RegistrationSource, TimePrecision } from "@/lib/generated/prisma/enums";
import type { ImportQuestionPlan } from "./import-questions";

// The shapes every import shares, apart from the code that plans and writes them (import-rows.ts,
// plan-rows.ts), so the planner, the writer and the duplicate check import them without importing
// each other.

/** A row ready for the database, from any import (upload, legacy export, API, mass registration). */
export interface ImportRow {
  line: number;
  municipalityNumber: number;
  /** Unit name or old TraceTool login; empty = the municipality-level unit. */
  unit: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  occurredAt: Date;
  quantity: number;
  startedAt?: Date | null;
  endedAt?: Date | null;
  /** Whether start and end are a measured contact time; imports default to not measured. */
  measuredTime?: boolean;
  /** How much of occurredAt is real; default: a date only at exactly 00:00:00 Danish time, else a time (plan-rows.ts). */
  timePrecision?: TimePrecision;
  id?: string;
  /** Extra-question answers by the question column's header (old raw exports). */
  answers?: Record<string, string>;
  /** The row's own source (an old raw export's Datakilde); otherwise the import's. */
  source?: RegistrationSource;
}

export interface ImportPlan {
  municipalityId: string;
  /** unitId null: the row goes to `newUnit`, a unit created when the plan is committed. */
  rows: (ImportRow & { unitId: string | null; newUnit?: string; taskId: string | null })[];
  /** Units to create on commit (old logins not found, and the municipality-level unit). */
  newUnits: string[];
  errors: { line: number; message: string }[];
  /** Task numbers not known in Spor yet; they are created (source LEGACY) and listed in the preview. */
  newTaskNumbers: string[];
  /** Extra-question columns and their answers (see import-questions.ts); absent for uploads. */
  questions?: ImportQuestionPlan[];
}
