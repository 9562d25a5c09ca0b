import { z } from "zod";

// Every id in Spor is a UUID (gen_random_uuid()). An id from outside — a URL segment, a form field,
// a query parameter — is checked here, so a malformed one is "not found", never a database error.

/** The zod schema of an id, with the Danish message to show when it is not one. */
export const idSchema = (message = "Ugyldigt id.") => z.uuid(message);

/** Whether `value` is an id (a URL segment, a query parameter). */
export function isId(value: unknown): value is string {
  return idSchema().safeParse(value).success;
}
