"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { RegistrationPayload, ScreenData, Today, TodayRow } from "./model";

/**
 * Today's own registrations and counts. Starts from the server render, shows a saved registration
 * at once (built from what was sent), and then re-reads the server's list so corrections by the
 * server (e.g. the counting-week flag) and other people's registrations in the unit's count show up.
 */
export function useToday(screen: ScreenData) {
  const [today, setToday] = useState<Today>(screen.today);
  const timer = useRef<number | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch(`/api/registrations/today?unitId=${encodeURIComponent(screen.unit.id)}`, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (response.ok) setToday((await response.json()) as Today);
    } catch {
      // Offline: keep what we have; the next successful send refreshes again.
    }
  }, [screen.unit.id]);

  /** Several saves in quick succession cause one read, shortly after the last. */
  const refreshSoon = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void refresh(), 400);
  }, [refresh]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const addSaved = useCallback(
    (payload: RegistrationPayload, facts: { inCountingWeek: boolean; isTest: boolean }) => {
      if (payload.unitId !== screen.unit.id) return;
      const task = screen.tasks.find((t) => t.id === payload.taskId);
      const channel = screen.channels.find((c) => c.code === payload.channelCode);
      const row: TodayRow = {
        id: payload.id,
        occurredAt: payload.occurredAt,
        channelCode: payload.channelCode,
        taskId: payload.taskId,
        contactTypeCode: payload.contactTypeCode,
        closureCode: payload.closureCode,
        form: payload.form,
        isTest: facts.isTest,
        inCountingWeek: facts.inCountingWeek,
        startedAt: payload.startedAt ?? null,
        endedAt: payload.endedAt ?? null,
        task: { number: task?.number ?? "", title: task?.title ?? "" },
        channel: { name: channel?.name ?? payload.channelCode, direction: channel?.direction ?? "IN" },
        answers: payload.answers,
      };
      setToday((t) =>
        t.own.some((r) => r.id === row.id) ? t : { own: [row, ...t.own], ownCount: t.ownCount + 1, unitCount: t.unitCount + 1 },
      );
      refreshSoon();
    },
    [screen, refreshSoon],
  );

  const removeRow = useCallback(
    (id: string) => {
      setToday((t) =>
        t.own.some((r) => r.id === id)
          ? { own: t.own.filter((r) => r.id !== id), ownCount: t.ownCount - 1, unitCount: t.unitCount - 1 }
          : t,
      );
      refreshSoon();
    },
    [refreshSoon],
  );

  return { today, refresh, refreshSoon, addSaved, removeRow };
}
