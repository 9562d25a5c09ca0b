// Which key picks which option in each step. The definition of the keys is lib/registrations/keys.ts
// (one pure function, also read by the help page); this file applies it to the screen's steps in the
// order the unit's setup gives. The tiles show these keys and the keyboard handler uses the same
// functions, so what is shown is always what works.
import { choiceKeys, KEY_FEJL } from "@/lib/registrations/keys";
import { FEJL_NUMBER, type ScreenData, type StepId, type Task } from "./model";

export * from "@/lib/registrations/keys";

/** Inbound channels first, then outbound, each in the unit's order (set by the coordinator). */
export function orderedChannels(screen: Pick<ScreenData, "channels">) {
  return [...screen.channels.filter((c) => c.direction === "IN"), ...screen.channels.filter((c) => c.direction === "OUT")];
}

export const FORM_OPTIONS = [
  { value: "true", label: "Ja, blanket" },
  { value: "false", label: "Nej, ingen blanket" },
];

function keyed(values: string[]): Map<string, string> {
  const keys = choiceKeys(values.length);
  return new Map(values.map((v, i) => [v, keys[i]]));
}

/** value → key sequence ("3", "a", "p1") for every option of one step. */
export function keysFor(screen: ScreenData, step: StepId): Map<string, string> {
  switch (step) {
    case "channel":
      return keyed(orderedChannels(screen).map((c) => c.code));
    case "task":
      return taskKeys(screen.tasks);
    case "type":
      return keyed(screen.contactTypes.map((t) => t.code));
    case "closure":
      return keyed(screen.closures.map((c) => c.code));
    case "form":
      return keyed(FORM_OPTIONS.map((o) => o.value));
    default: {
      const question = screen.questions.find((q) => q.id === step.slice(2));
      return keyed(question?.options.map((o) => o.id) ?? []);
    }
  }
}

/** Every task in the unit's order has a key; Fejlhenvendelse has 0. */
export function taskKeys(tasks: Task[]): Map<string, string> {
  const keys = keyed(tasks.filter((t) => t.number !== FEJL_NUMBER).map((t) => t.id));
  const fejl = tasks.find((t) => t.number === FEJL_NUMBER);
  if (fejl) keys.set(fejl.id, KEY_FEJL);
  return keys;
}
