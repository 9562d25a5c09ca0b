// "Mente du …?": the valid code nearest to a mistyped one, for the Danish errors of uploads and the
// API. Pure TypeScript: the code tables are in codes.ts, and the upload page lists the same codes.

import { CHANNELS, CONTACT_TYPES, REGISTRATION_CLOSURES } from "./codes";

export interface CodeChoice {
  code: string;
  /** The Danish name shown with the code ("Telefon ind", "Straksafsluttet"). */
  label: string;
}

/** Suggest only codes this close: two typing slips (a letter missing, extra, wrong, or two swapped). */
export const MAX_SUGGESTION_DISTANCE = 2;

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insertions, deletions,
 * substitutions and a swap of two neighbouring letters each cost 1. Case is the caller's business.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Three rows: the one before the previous (for swaps), the previous and the current.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The choice whose code is nearest to `input` (case and surrounding spaces ignored), when it is at
 * most MAX_SUGGESTION_DISTANCE edits away and closer than the input is long (so "X" does not suggest
 * "WEB"). On a tie the earlier choice in the list wins. Null when nothing is near enough.
 */
export function nearestCode(input: string, choices: readonly CodeChoice[]): CodeChoice | null {
  const typed = input.trim().toUpperCase();
  if (!typed) return null;
  let best: CodeChoice | null = null;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const distance = editDistance(typed, choice.code.toUpperCase());
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  if (!best || bestDistance === 0 || bestDistance > MAX_SUGGESTION_DISTANCE || bestDistance >= typed.length) return null;
  return best;
}

/** The code lists an upload's cells are checked against, with their Danish names, in the tables' order. */
export const CHANNEL_CHOICES: readonly CodeChoice[] = CHANNELS.map((c) => ({
  code: c.code,
  label: `${c.name} ${c.direction === "IN" ? "ind" : "ud"}`,
}));
export const CONTACT_TYPE_CHOICES: readonly CodeChoice[] = CONTACT_TYPES.map((t) => ({ code: t.code, label: t.label }));
export const CLOSURE_CHOICES: readonly CodeChoice[] = REGISTRATION_CLOSURES.map((c) => ({ code: c.code, label: c.label }));

const KINDS = {
  channel: { choices: CHANNEL_CHOICES, noun: "Kanalen" },
  contactType: { choices: CONTACT_TYPE_CHOICES, noun: "Henvendelsestypen" },
  closure: { choices: CLOSURE_CHOICES, noun: "Afslutningen" },
} as const;
export type CodeKind = keyof typeof KINDS;

/** `Kanalen "TLFIN" findes ikke. Mente du "TLFIND" (Telefon ind)?` — the suggestion only when one is near. */
export function unknownCodeMessage(kind: CodeKind, value: string): string {
  const { choices, noun } = KINDS[kind];
  const shown = value.trim();
  const near = nearestCode(shown, choices);
  const message = `${noun} "${shown}" findes ikke.`;
  return near ? `${message} Mente du "${near.code}" (${near.label})?` : message;
}
