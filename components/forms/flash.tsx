"use client";

import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/form-state";
import { FormStatus } from "@/components/forms/form-status";

// A form's result is shown next to the form. When the change removes the form itself (the last
// search result added, a user deactivated, a unit archived), the re-rendered page no longer has
// it, and its message would vanish with it. So every result is also reported here, and this region
// shows it – at the bottom of the screen, until closed or until another page is opened – only
// when the form it came from is gone.

type Flash = FormState & { path: string; formId: string };

interface FlashApi {
  show(flash: Flash): void;
  register(formId: string): () => void;
}

const FlashContext = createContext<FlashApi | null>(null);

export function FlashProvider({ children }: { children: ReactNode }) {
  const [flash, setFlash] = useState<Flash | null>(null);
  const [mounted, setMounted] = useState<ReadonlySet<string>>(new Set());
  const pathname = usePathname();
  const register = useCallback((formId: string) => {
    setMounted((s) => new Set(s).add(formId));
    return () =>
      setMounted((s) => {
        const next = new Set(s);
        next.delete(formId);
        return next;
      });
  }, []);
  const api = useMemo<FlashApi>(() => ({ show: setFlash, register }), [register]);
  const visible = flash && flash.path === pathname && !mounted.has(flash.formId) ? flash : null;
  return (
    <FlashContext.Provider value={api}>
      {children}
      {visible ? (
        <div className="fixed inset-x-0 bottom-0 z-40 mx-auto max-w-3xl p-4">
          <div className="space-y-2 rounded-md border border-slate-400 bg-white p-3 shadow-lg">
            <FormStatus state={visible} />
            <Button variant="secondary" onClick={() => setFlash(null)}>
              Luk besked
            </Button>
          </div>
        </div>
      ) : null}
    </FlashContext.Provider>
  );
}

/** Registers a form with the page's flash region; returns the function that reports its results. */
export function useFormFlash(): (result: FormState) => void {
  const api = useContext(FlashContext);
  const [formId] = useState(() => Math.random().toString(36).slice(2));
  const pathname = usePathname();
  useEffect(() => api?.register(formId), [api, formId]);
  return useCallback(
    (result: FormState) => {
      if (api && !result.error && (result.ok || result.secrets?.length)) api.show({ ...result, path: pathname, formId });
    },
    [api, formId, pathname],
  );
}
