// Which digit picks which option in each step. The tiles show these keys and the keyboard handler
// uses the same functions, so what is shown is always what works.
import { FEJL_NUMBER, type ScreenData, type StepId, type Task } from "./model";

export const FAVOURITE_KEYS = ["q", "w", "e", "r", "t", "y", "u", "i", "o"] as const;
export const KEY_REPEAT = "g";
export const KEY_UNDO = "z";
export const KEY_TIMER = "m";
export const KEY_SEARCH = "/";

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
  const digits = (values: string[]) => new Map(values.slice(0, 9).map((v, i) => [v, String(i + 1)]));
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
    .slice(0, 9)
    .forEach((t, i) => keys.set(t.id, String(i + 1)));
  const fejl = tasks.find((t) => t.number === FEJL_NUMBER);
  if (fejl) keys.set(fejl.id, "0");
  return keys;
}

