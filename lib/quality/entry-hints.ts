import { RARE_FORM_CHANNELS } from "./rules";

// Plausibility hints at entry (issue 16; docs/method.md, "Datakvalitet"): the cheap ones of the
// Datakvalitet rules, said to the registrant the moment a choice looks like what the rule would
// later find. A hint never blocks a save; it only explains. Pure: the registration screen calls it
// on a choice (never on a keystroke that changes nothing), with the screen's own data.

/** The need group of KL's 2013 package that Udbetaling Danmark took over (task_package_item.need_group). */
export const UDBETALING_DANMARK = "Udbetaling Danmark";

export interface HintTask {
  id: string;
  number: string;
  title: string;
  /** The task is in a KL package's need group «Udbetaling Danmark». */
  udbetalingDanmark: boolean;
}

export interface HintChoice {
  channelCode: string | null;
  taskId: string | null;
  form: boolean | null;
}

export type EntryHint = { rule: "fejl-udbetaling-danmark" | "rare-form"; text: string };

const isFejl = (tasks: readonly HintTask[], taskId: string | null) => tasks.some((t) => t.id === taskId && t.number === "FEJL");

/**
 * The hint for a choice just made (`before` → `after`), or null. Rules:
 * - «Mange fejlhenvendelser»: Fejlhenvendelse chosen in a unit that counts tasks of Udbetaling
 *   Danmark. Contacts about them are not errors: the tasks are in the package, and registered as
 *   errors they go missing from the task figures. Named when the task chosen just before was one.
 * - «Blanketter på kanaler, der sjældent har dem»: «Blanket: ja» on SMS, chat or social media.
 */
export function entryHint(tasks: readonly HintTask[], before: HintChoice, after: HintChoice): EntryHint | null {
  if (isFejl(tasks, after.taskId) && !isFejl(tasks, before.taskId)) {
    const previous = tasks.find((t) => t.id === before.taskId && t.udbetalingDanmark);
    if (previous) {
      return {
        rule: "fejl-udbetaling-danmark",
        text: `${previous.title} (${previous.number}) hører under Udbetaling Danmark, men er med i tællingen: registrér henvendelsen på opgaven (fx som Generelle råd og vejledning), ikke som fejlhenvendelse.`,
      };
    }
    if (tasks.some((t) => t.udbetalingDanmark)) {
      return {
        rule: "fejl-udbetaling-danmark",
        text: "Handler henvendelsen om en af Udbetaling Danmarks opgaver (fx folkepension eller boligstøtte), så registrér den på opgaven: den er med i tællingen. Fejlhenvendelse er til det, kommunen slet ikke har med at gøre.",
      };
    }
  }
  const rare = (RARE_FORM_CHANNELS as readonly (string | null)[]).includes(after.channelCode);
  if (rare && after.form === true && (before.form !== true || before.channelCode !== after.channelCode)) {
    return {
      rule: "rare-form",
      text: "Blanketter er sjældne på SMS, chat og sociale medier. Kom der virkelig en blanket (papir eller digital) med henvendelsen?",
    };
  }
  return null;
}

/** Whether a hint still fits the choices (it goes when they change away from what it is about). */
export function hintStillApplies(hint: EntryHint, tasks: readonly HintTask[], choice: HintChoice): boolean {
  if (hint.rule === "fejl-udbetaling-danmark") return isFejl(tasks, choice.taskId);
  return choice.form === true && (RARE_FORM_CHANNELS as readonly (string | null)[]).includes(choice.channelCode);
}
