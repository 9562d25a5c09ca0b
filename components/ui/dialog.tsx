"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { cn } from "./cn";

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the page behind
 * inert and closes on Escape. `open` drives showModal()/close(); every way of closing calls onClose,
 * and focus returns to whatever opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => {
        if (dialog.open) dialog.close();
        opener?.focus?.();
      };
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      // Keys pressed inside the dialog must not reach the page's single-key shortcuts.
      onKeyDown={(e) => e.stopPropagation()}
      className={cn(
        "m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-400 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50",
        className,
      )}
    >
      {open ? (
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-xl">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
