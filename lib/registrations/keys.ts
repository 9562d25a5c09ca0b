// The registration screen's keys: ONE definition, read by the keyboard handler, the tiles and the
// help page, so what is shown is always what works. Pure: no React, no database.
//
// The n-th choice of a step (channels, tasks, types, closures, form, an extra question's options),
// counted in the order the unit's setup gives them, always has the same key:
//   choices 1–9    the digits 1 to 9
//   choices 10–22  the letters A S D F H J K L X C V B N (home row first; never a letter the screen
//                  uses for something else: Q–O favourites, G Gentag, Z Fortryd, M tid, P below)
//   choices 23+    P followed by the key of choice 1, 2, … (P 1 … P 9, P A … P N, then P P 1 …)
// A key depends only on the choice's place, never on how many choices there are, so adding a task
// at the end moves no key; only the coordinator's order (Administration → enhed → Rækkefølge) does.

/** The digits that pick choices 1–9. */
export const OPTION_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
/** The letters that pick choices 10–22. */
export const LETTER_KEYS = ["a", "s", "d", "f", "h", "j", "k", "l", "x", "c", "v", "b", "n"] as const;
/** The key that starts a two-key choice (23 and on). */
export const KEY_MORE = "p";
/** Fejlhenvendelse in the Opgave step. */
export const KEY_FEJL = "0";
export const FAVOURITE_KEYS = ["q", "w", "e", "r", "t", "y", "u", "i", "o"] as const;
export const KEY_REPEAT = "g";
export const KEY_UNDO = "z";
export const KEY_TIMER = "m";
export const KEY_SEARCH = "/";
/** Adds the task chosen so far to the contact and starts the next task (one contact, several tasks). */
export const KEY_ADD_TASK = "+";
/** Not single-character keys: they work even with single-key shortcuts switched off. */
export const KEY_SAVE = "Enter";
export const KEY_CLEAR = "Escape";

/** Every single key that picks a choice, in order: 1–9 then the letters. */
export const SINGLE_KEYS: readonly string[] = [...OPTION_KEYS, ...LETTER_KEYS];

/** Keys the screen uses for something other than picking a choice. */
export const COMMAND_KEYS: readonly string[] = [
  KEY_FEJL,
  ...FAVOURITE_KEYS,
  KEY_REPEAT,
  KEY_UNDO,
  KEY_TIMER,
  KEY_SEARCH,
  KEY_ADD_TASK,
  KEY_MORE,
];

/**
 * The key sequence of the choice at `index` (0-based): ["3"], ["a"], ["p", "1"], ["p", "p", "a"].
 * The same index gives the same keys whatever the number of choices.
 */
export function choiceKeySequence(index: number): string[] {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`Ugyldigt valg nr. ${index}`);
  const prefix: string[] = [];
  let i = index;
  while (i >= SINGLE_KEYS.length) {
    prefix.push(KEY_MORE);
    i -= SINGLE_KEYS.length;
  }
  return [...prefix, SINGLE_KEYS[i]];
}

/** The key sequences of `count` choices in order, as strings ("3", "a", "p1"). */
export function choiceKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => choiceKeySequence(i).join(""));
}

/** How a key is printed on its key cap: letters in capitals, Escape as "Esc". */
export function keyCap(key: string): string {
  if (key === KEY_CLEAR) return "Esc";
  return key.length === 1 ? key.toUpperCase() : key;
}

/** A whole sequence as printed on a tile: "3", "A", "P 1". */
export function sequenceCap(sequence: string): string {
  return [...sequence].map(keyCap).join(" ");
}

/**
 * The keyboard as a state machine over typed keys: given what is typed so far in this step (""
 * or "p", "pp", …) and the next key, the choice it picks, a longer prefix to wait on, or nothing.
 * `keys` maps value → sequence (from choiceKeys, plus Fejl's 0).
 */
export function resolveKey(
  keys: ReadonlyMap<string, string>,
  typed: string,
  key: string,
): { kind: "choose"; value: string } | { kind: "prefix"; typed: string } | { kind: "none" } {
  const sequence = typed + key.toLowerCase();
  let prefix = false;
  for (const [value, k] of keys) {
    if (k === sequence) return { kind: "choose", value };
    if (k.startsWith(sequence)) prefix = true;
  }
  return prefix ? { kind: "prefix", typed: sequence } : { kind: "none" };
}

export interface ShortcutHelp {
  /** Key caps as shown, e.g. ["1", "9"] for a range or ["G"]. */
  keys: string[];
  range: boolean;
  action: string;
  /** A single-character key: works only with shortcuts switched on and outside text fields. */
  single: boolean;
}

const first = (list: readonly string[]) => keyCap(list[0]);
const last = (list: readonly string[]) => keyCap(list[list.length - 1]);

/** The registration screen's keys for the help page, built from the same constants as the handler. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  {
    keys: [first(OPTION_KEYS), last(OPTION_KEYS)],
    range: true,
    single: true,
    action: "Vælger valg nr. 1 til 9 i det aktive trin (kanal, opgave, type, afslutning, blanket, spørgsmål). Tasten står på feltet.",
  },
  {
    keys: LETTER_KEYS.map(keyCap),
    range: false,
    single: true,
    action: `Vælger valg nr. 10 til ${SINGLE_KEYS.length} i det aktive trin, i den rækkefølge.`,
  },
  {
    keys: [keyCap(KEY_MORE)],
    range: false,
    single: true,
    action: `Efterfulgt af en tast fra de to rækker ovenfor: valg nr. ${SINGLE_KEYS.length + 1} og videre (${sequenceCap(choiceKeys(SINGLE_KEYS.length + 1)[SINGLE_KEYS.length])} er nr. ${SINGLE_KEYS.length + 1}).`,
  },
  { keys: [keyCap(KEY_FEJL)], range: false, single: true, action: "Vælger Fejlhenvendelse i trinnet Opgave." },
  { keys: [keyCap(KEY_SEARCH)], range: false, single: true, action: "Søger efter en opgave på nummer eller ord." },
  {
    keys: [keyCap(KEY_ADD_TASK)],
    range: false,
    single: true,
    action:
      "Henvendelsen gælder flere opgaver: tilføjer den valgte opgave og går videre til den næste. Gem gemmer én registrering pr. opgave.",
  },
  { keys: [keyCap(KEY_REPEAT)], range: false, single: true, action: "Gentag: registrerer din seneste registrering igen." },
  {
    keys: [first(FAVOURITE_KEYS), last(FAVOURITE_KEYS)],
    range: true,
    single: true,
    action: "Registrerer en af dine favoritter, i den rækkefølge de står.",
  },
  { keys: [keyCap(KEY_UNDO)], range: false, single: true, action: "Fortryder den registrering, du lige har gemt." },
  { keys: [keyCap(KEY_TIMER)], range: false, single: true, action: "Starter og stopper tiden (kun i enheder, der måler tid)." },
  { keys: [keyCap(KEY_SAVE)], range: false, single: false, action: "Gemmer registreringen." },
  { keys: [keyCap(KEY_CLEAR)], range: false, single: false, action: "Rydder valgene (tryk to gange for også at rydde kanalen)." },
];
