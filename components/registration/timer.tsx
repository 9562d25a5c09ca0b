"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { KEY_TIMER, keyCap } from "./keys";

/** Minutes:seconds between two instants, as the timer and the list of today's registrations show it. */
export function duration(startMs: number, endMs: number): string {
  const seconds = Math.max(0, Math.floor((endMs - startMs) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Time measurement for units that have it: start when the contact starts; the save sends the
 * start and the end. The running time is shown but not announced every second (that would drown
 * a screen reader); the button's name says whether it is running.
 */
export function Timer({ start, onToggle, showKey }: { start: string | null; onToggle: () => void; showKey: boolean }) {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!start) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const interval = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(interval);
    };
  }, [start]);
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="secondary"
        onClick={onToggle}
        aria-keyshortcuts={showKey ? keyCap(KEY_TIMER) : undefined}
        aria-pressed={Boolean(start)}
      >
        {start ? "Stop tid" : "Start tid"} {showKey ? <Kbd>{keyCap(KEY_TIMER)}</Kbd> : null}
      </Button>
      {start ? (
        <span className="font-mono tabular-nums" aria-label="Tid brugt">
          {now ? duration(Date.parse(start), now) : "0:00"}
        </span>
      ) : null}
    </span>
  );
}
