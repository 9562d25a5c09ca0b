import { UserFacingError } from "@/lib/errors";

/**
 * What every server action returns to useActionState: the one action result type. `F` names the
 * form's fields, for the errors tied to a field and the values given back.
 */
export interface FormState<F extends string = string> {
  /** A success message. */
  ok?: string;
  /** A Danish error message; nothing was changed. */
  error?: string;
  /** Errors tied to a field, so the form marks the field and ties the message to it. */
  fieldErrors?: Partial<Record<F, string>>;
  /** Values given back to refill the form after a refusal (e.g. the e-mail on the login form). */
  values?: Partial<Record<F, string>>;
  /** The id of what the action chose or created (e.g. the unit a registrant picked). */
  id?: string;
  /** Line-numbered problems (CSV import), shown as a list under the error. */
  problems?: string[];
  /** A link or password shown once, never stored in clear text. */
  secrets?: { label: string; value: string; note?: string }[];
  /**
   * After a user import without mail: the ticket for "Hent links som CSV" (lib/users/link-download.ts).
   * It holds no link; the download makes them, once.
   */
  linkDownload?: { municipalityId: string; userIds: string[]; issuedAt: string };
  /** Changes on every answer, so the form can react to a repeated identical result. */
  at?: number;
}

/** A form's input was invalid: the first message per field, in the order of the schema. */
export class ValidationError extends UserFacingError {
  constructor(readonly messages: string[]) {
    super(messages[0] ?? "Ugyldige data.");
    this.name = "ValidationError";
  }
}

/** An error carrying a list of problems, e.g. one per CSV line. */
export class ProblemListError extends UserFacingError {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = "ProblemListError";
  }
}

/** All values of a multi-valued form field as strings. */
export function allStrings(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((v): v is string => typeof v === "string");
}

/** A single form field as a string ("" when absent). */
export function str(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** At most this many line errors go back to the form; the first line says how many there were. */
const MAX_LINE_PROBLEMS_SHOWN = 500;

/**
 * A route handler's answer to a refused file: the forms' FormState with the message and the file's
 * line-numbered problems ("Linje 12: …"), status 422 unless given.
 */
export function lineProblemsResponse(message: string, errors: { line: number; message: string }[] = [], status = 422): Response {
  return Response.json(
    {
      error: message,
      problems: errors.slice(0, MAX_LINE_PROBLEMS_SHOWN).map((e) => `Linje ${e.line.toLocaleString("da-DK")}: ${e.message}`),
    } satisfies FormState,
    { status },
  );
}
