// Which digit picks which option in each step. The tiles show these keys and the keyboard handler
// uses the same functions, so what is shown is always what works.
import { FEJL_NUMBER, type ScreenData, type StepId, type Task } from "./model";

/** The digits that pick an option in the active step, in the order the options are shown. */
export const OPTION_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
/** Fejlhenvendelse in the Opgave step. */
export const KEY_FEJL = "0";
export const FAVOURITE_KEYS = ["q", "w", "e", "r", "t", "y", "u", "i", "o"] as const;
export const KEY_REPEAT = "g";
export const KEY_UNDO = "z";
export const KEY_TIMER = "m";
export const KEY_SEARCH = "/";
/** Not single-character keys: they work even with single-key shortcuts switched off. */
export const KEY_SAVE = "Enter";
export const KEY_CLEAR = "Escape";

/** How a key is printed on its key cap: letters in capitals, Escape as "Esc". */
export function keyCap(key: string): string {
  if (key === KEY_CLEAR) return "Esc";
  return key.length === 1 ? key.toUpperCase() : key;
}

export interface ShortcutHelp {
  /** Key caps as shown, e.g. ["1", "9"] for a range or ["G"]. */
  keys: string[];
  range: boolean;
  action: string;
  /** A single-character key: works only with shortcuts switched on and focus in the registration. */
  single: boolean;
}

const first = <T extends string>(list: readonly T[]) => keyCap(list[0]);
const last = <T extends string>(list: readonly T[]) => keyCap(list[list.length - 1]);

/** The registration screen's keys for the help page, built from the constants the handler uses. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: [first(OPTION_KEYS), last(OPTION_KEYS)], range: true, single: true, action: "Vælger i det aktive trin (kanal, opgave, type, afslutning, blanket). Tallet står på feltet." },
  { keys: [keyCap(KEY_FEJL)], range: false, single: true, action: "Vælger Fejlhenvendelse i trinnet Opgave." },
  { keys: [keyCap(KEY_SEARCH)], range: false, single: true, action: "Søger efter en opgave på nummer eller ord." },
  { keys: [keyCap(KEY_REPEAT)], range: false, single: true, action: "Gentag: registrerer din seneste registrering igen." },
  { keys: [first(FAVOURITE_KEYS), last(FAVOURITE_KEYS)], range: true, single: true, action: "Registrerer en af dine favoritter, i den rækkefølge de står." },
  { keys: [keyCap(KEY_UNDO)], range: false, single: true, action: "Fortryder den registrering, du lige har gemt." },
  { keys: [keyCap(KEY_TIMER)], range: false, single: true, action: "Starter og stopper tiden (kun i enheder, der måler tid)." },
  { keys: [keyCap(KEY_SAVE)], range: false, single: false, action: "Gemmer registreringen." },
  { keys: [keyCap(KEY_CLEAR)], range: false, single: false, action: "Rydder valgene (tryk to gange for også at rydde kanalen)." },
];

/** Inbound channels first, then outbound, each in the national order. */
export function orderedChannels(screen: ScreenData) {
  return [...screen.channels.filter((c) => c.direction === "IN"), ...screen.channels.filter((c) => c.direction === "OUT")];
}

export const FORM_OPTIONS = [
  { value: "true", label: "Ja, blanket" },
  { value: "false", label: "Nej, ingen blanket" },
];

/** value → key for the options of one step. */
export function keysFor(screen: ScreenData, step: StepId): Map<string, string> {
  const digits = (values: string[]) => new Map(values.slice(0, OPTION_KEYS.length).map((v, i) => [v, OPTION_KEYS[i]]));
  switch (step) {
    case "channel":
      return digits(orderedChannels(screen).map((c) => c.code));
    case "task":
      return taskKeys(screen.tasks);
    case "type":
      return digits(screen.contactTypes.map((t) => t.code));
    case "closure":
      return digits(screen.closures.map((c) => c.code));
    case "form":
      return digits(FORM_OPTIONS.map((o) => o.value));
    default: {
      const question = screen.questions.find((q) => q.id === step.slice(2));
      return digits(question?.options.map((o) => o.id) ?? []);
    }
  }
}

export function valueForKey(screen: ScreenData, step: StepId, key: string): string | null {
  for (const [value, k] of keysFor(screen, step)) if (k === key) return value;
  return null;
}

/** Digits 1–9 for the unit's most used tasks, 0 for Fejlhenvendelse. */
export function taskKeys(tasks: Task[]): Map<string, string> {
  const keys = new Map<string, string>();
  tasks
    .filter((t) => t.number !== FEJL_NUMBER)
    .slice(0, OPTION_KEYS.length)
    .forEach((t, i) => keys.set(t.id, OPTION_KEYS[i]));
  const fejl = tasks.find((t) => t.number === FEJL_NUMBER);
  if (fejl) keys.set(fejl.id, KEY_FEJL);
  return keys;
}

