/**
 * An expected error whose message is written for the user, in Danish. Only these reach the UI;
 * anything else is logged and shown as a generic message.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** The user lacks the role or scope for what they asked. Carries no detail about what exists. */
export class AccessDeniedError extends UserFacingError {
  constructor(message = "Du har ikke adgang til dette.") {
    super(message, 403);
    this.name = "AccessDeniedError";
  }
}

export const GENERIC_ERROR_MESSAGE = "Der skete en fejl. Prøv igen, og kontakt support, hvis fejlen fortsætter.";
