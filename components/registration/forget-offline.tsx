"use client";

import { useEffect } from "react";
import { forgetOfflineCopies } from "./offline-shell";

/**
 * On the login page (after signing out, or when a session has ended): the registration screen and
 * today's counts the service worker kept belong to the previous user, so they are deleted. The
 * outbox is not: its registrations carry their user's id and are sent only from that user's session.
 */
export function ForgetOfflineCopies() {
  useEffect(() => {
    void forgetOfflineCopies().catch(() => undefined);
  }, []);
  return null;
}
