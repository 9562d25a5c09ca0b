// Limits shared by the registration screen (in the browser) and the server's schema.

/** At most this many tasks in one contact (a citizen asking about many things is rare; a list this long is a mistake). */
export const MAX_TASKS_PER_CONTACT = 10;
