// The paper round trip (docs/coordinators.md, "Tælleskema på papir"): the tally sheet a unit prints,
// and the "Indtast skema" grid that keys a filled sheet back in with exactly the sheet's layout.
// Pure TypeScript, shared by the sheet, the grid in the browser (live totals, checks before sending)
// and the server (the same checks again before anything is written).

import { CLOSURES, CONTACT_TYPES, channelLabel, FEJL_TASK, isStaffChannel } from "@/lib/reference/codes";

export interface SheetChannel {
  code: string;
  name: string;
  direction: "IN" | "OUT";
}

export interface SheetTask {
  id: string;
  number: string;
  title: string;
}

/** What a sheet shows: its columns (channels) and rows (tasks), and whether rows have type and closure cells. */
export interface SheetLayout {
  channels: SheetChannel[];
  tasks: SheetTask[];
  withTypes: boolean;
}

/** The largest count one cell takes: tally marks for one task and channel in a day or a week. */
export const PAPER_CELL_MAX = 9_999;

/** The query parameter (and form toggle) for a sheet with type and closure columns. */
export const WITH_TYPES_PARAM = "typer";

/**
 * The sheet's layout from the unit's setup, in the coordinator's order (the keys' order on the
 * registration screen): channels staff handle only (no self-service, web visits or machine
 * channels), inbound before outbound; tasks with Fejlhenvendelse last.
 */
export function sheetLayout(setup: { channels: SheetChannel[]; tasks: SheetTask[] }, withTypes: boolean): SheetLayout {
  const channels = setup.channels.filter((c) => isStaffChannel(c.code));
  return {
    channels: [...channels.filter((c) => c.direction === "IN"), ...channels.filter((c) => c.direction === "OUT")],
    tasks: [...setup.tasks.filter((t) => t.number !== FEJL_TASK.number), ...setup.tasks.filter((t) => t.number === FEJL_TASK.number)],
    withTypes,
  };
}

/** Form field names: one per cell, and per row its type and closure (sheets with those columns). */
export const cellField = (taskId: string, channelCode: string) => `n:${taskId}:${channelCode}`;
export const rowTypeField = (taskId: string) => `type:${taskId}`;
export const rowClosureField = (taskId: string) => `closure:${taskId}`;
export const DEFAULT_TYPE_FIELD = "defaultType";
export const DEFAULT_CLOSURE_FIELD = "defaultClosure";

/** How a cell is named in a message: "Pas (23.09.02), Telefon (ind)". */
export function cellName(task: SheetTask, channel: SheetChannel): string {
  return `${taskName(task)}, ${channelLabel(channel.code)}`;
}

function taskName(task: SheetTask): string {
  return task.number === FEJL_TASK.number ? task.title : `${task.title} (${task.number})`;
}

/** A cell's count: empty is 0; otherwise digits only, at most PAPER_CELL_MAX; null when it is not a count. */
export function cellCount(value: string | undefined): number | null {
  const v = (value ?? "").trim();
  if (v === "") return 0;
  if (!/^\d{1,7}$/.test(v)) return null;
  const n = Number(v);
  return n <= PAPER_CELL_MAX ? n : null;
}

/** Row and column totals of what is typed so far (cells that are not counts count as 0). */
export function sheetTotals(layout: SheetLayout, values: Record<string, string | undefined>) {
  const rows = layout.tasks.map((t) => layout.channels.reduce((sum, c) => sum + (cellCount(values[cellField(t.id, c.code)]) ?? 0), 0));
  const columns = layout.channels.map((c) => layout.tasks.reduce((sum, t) => sum + (cellCount(values[cellField(t.id, c.code)]) ?? 0), 0));
  return { rows, columns, total: rows.reduce((a, b) => a + b, 0) };
}

/** One registration the sheet creates: a cell with a count, with the type and closure it gets. */
export interface SheetRow {
  taskId: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string;
  closureCode: string;
  quantity: number;
}

/** A problem, tied to the field it concerns (a cell, a row's type, a default). */
export interface SheetProblem {
  field: string;
  message: string;
}

const TYPE_CODES = new Set(CONTACT_TYPES.map((t) => t.code));
const CLOSURE_CODES = new Set(CLOSURES.map((c) => c.code));

/**
 * Reads a filled sheet: every cell with a count becomes a row, with its row's type and closure or
 * the defaults where the sheet has none (Fejlhenvendelse's type is always Fejlhenvendelse). Every
 * problem is named by its cell in Danish; with any problem, nothing is to be saved.
 */
export function readSheet(layout: SheetLayout, values: Record<string, string | undefined>): { rows: SheetRow[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const rows: SheetRow[] = [];
  const defaultType = (values[DEFAULT_TYPE_FIELD] ?? "").trim();
  const defaultClosure = (values[DEFAULT_CLOSURE_FIELD] ?? "").trim();
  let needsDefaultType = false;
  let needsDefaultClosure = false;
  for (const task of layout.tasks) {
    const counted: { channel: SheetChannel; quantity: number }[] = [];
    for (const channel of layout.channels) {
      const field = cellField(task.id, channel.code);
      const quantity = cellCount(values[field]);
      if (quantity === null) {
        problems.push({
          field,
          message: `${cellName(task, channel)}: skriv et helt tal fra 0 til ${PAPER_CELL_MAX.toLocaleString("da-DK")}, eller lad feltet stå tomt.`,
        });
      } else if (quantity > 0) counted.push({ channel, quantity });
    }
    if (!counted.length) continue;
    const isFejl = task.number === FEJL_TASK.number;
    const rowType = layout.withTypes && !isFejl ? (values[rowTypeField(task.id)] ?? "").trim() : "";
    const rowClosure = layout.withTypes ? (values[rowClosureField(task.id)] ?? "").trim() : "";
    if (rowType && (!TYPE_CODES.has(rowType) || rowType === "FEJL")) {
      problems.push({ field: rowTypeField(task.id), message: `${taskName(task)}: ukendt type.` });
    }
    if (rowClosure && !CLOSURE_CODES.has(rowClosure)) {
      problems.push({ field: rowClosureField(task.id), message: `${taskName(task)}: ukendt afslutning.` });
    }
    if (!isFejl && !rowType) needsDefaultType = true;
    if (!rowClosure) needsDefaultClosure = true;
    for (const { channel, quantity } of counted) {
      rows.push({
        taskId: task.id,
        taskNumber: task.number,
        channelCode: channel.code,
        contactTypeCode: isFejl ? "FEJL" : rowType || defaultType,
        closureCode: rowClosure || defaultClosure,
        quantity,
      });
    }
  }
  if (needsDefaultType && (!TYPE_CODES.has(defaultType) || defaultType === "FEJL")) {
    problems.push({ field: DEFAULT_TYPE_FIELD, message: "Vælg den type, rækker uden type får." });
  }
  if (needsDefaultClosure && !CLOSURE_CODES.has(defaultClosure)) {
    problems.push({ field: DEFAULT_CLOSURE_FIELD, message: "Vælg den afslutning, rækker uden afslutning får." });
  }
  if (!problems.length && !rows.length) problems.push({ field: "", message: "Skemaet er tomt: skriv mindst ét antal." });
  return { rows, problems };
}

/** What a sheet will create, in words, for the confirmation: "12 registreringer med i alt 85 henvendelser". */
export function sheetSummary(rows: readonly SheetRow[]): { registrations: number; contacts: number; text: string } {
  const contacts = rows.reduce((sum, r) => sum + r.quantity, 0);
  const n = rows.length;
  return {
    registrations: n,
    contacts,
    text: `${n.toLocaleString("da-DK")} ${n === 1 ? "registrering" : "registreringer"} med i alt ${contacts.toLocaleString("da-DK")} ${contacts === 1 ? "henvendelse" : "henvendelser"}`,
  };
}
