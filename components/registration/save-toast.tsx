"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { KEY_UNDO, keyCap } from "./keys";
import type { Registration } from "./use-registration";

const UNDO_WINDOW_MS = 10_000;

/**
 * "Registreret — Fortryd", shown the moment a registration is saved (before the server answers),
 * with undo for 10 seconds. Both regions are always in the page, so screen readers announce
 * changes: successes politely (role=status), refusals at once (role=alert).
 */
export function SaveToast({ reg, showKey }: { reg: Registration; showKey: boolean }) {
  const { toast, dismissToast, refocus } = reg;
  const id = toast?.id;
  const region = useRef<HTMLDivElement>(null);
  const refocusRef = useRef(refocus);
  useEffect(() => {
    refocusRef.current = refocus;
  }, [refocus]);
  useEffect(() => {
    if (!id) return;
    const timer = window.setTimeout(() => {
      // The Fortryd button goes away: if it had focus, hand focus back to the panel, not to <body>.
      if (region.current?.contains(document.activeElement)) refocusRef.current();
      dismissToast();
    }, UNDO_WINDOW_MS);
    return () => window.clearTimeout(timer);
  }, [id, dismissToast]);

  const canUndo = toast && (toast.status === "sending" || toast.status === "saved" || toast.status === "pending");
  // In test mode (prøvetælling) the toast says so: a test registration never counts.
  const test = reg.screen.unit.testMode;
  const title = !toast
    ? ""
    : toast.status === "pending"
      ? test
        ? "Prøveregistrering gemt på denne computer — afventer afsendelse"
        : "Gemt på denne computer — afventer afsendelse"
      : toast.status === "undoing"
        ? "Fortryder …"
        : toast.status === "undone"
          ? "Fortrudt"
          : test
            ? "Prøveregistrering gemt"
            : toast.outside
              ? "Registreret (uden for tælleugerne)"
              : "Registreret";

  return (
    <div className="space-y-2">
      <div
        ref={region}
        role="status"
        data-toast={toast?.id ?? ""}
        data-toast-status={toast?.status ?? ""}
        className={toast ? "rounded-md border-2 border-green-800 bg-green-50 px-4 py-3 lg:px-3 lg:py-1" : undefined}
      >
        {toast ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="min-w-0 flex-1 lg:text-sm">
              <span className="font-semibold">
                <span aria-hidden="true">✓{"\u00a0"}</span>
                {title}
              </span>
              {/* From 1024 px the Gentag button above shows the same summary; the toast stays one line. */}
              <span className="lg:sr-only">
                {" — "}
                {toast.summary}
              </span>
            </p>
            {canUndo ? (
              <Button variant="secondary" onClick={() => void reg.undo()} aria-keyshortcuts={showKey ? keyCap(KEY_UNDO) : undefined}>
                Fortryd {showKey ? <Kbd>{keyCap(KEY_UNDO)}</Kbd> : null}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div role="alert">
        {reg.error ? (
          <Alert tone="error" title={reg.error}>
            <Button variant="ghost" className="mt-2 underline" onClick={() => reg.setError(null)}>
              Luk besked
            </Button>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
