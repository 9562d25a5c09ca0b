"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { type OutboxItem, outboxDelete, outboxList, outboxPut } from "./outbox-store";
import { callJson, type SendResult, sendItem } from "./sender";

const itemIds = (item: OutboxItem) => [item.payload.id, ...(item.more ?? []).map((p) => p.id)];

/** An unconfirmed registration; `waiting` once a send has failed (or it came back from storage). */
export type PendingItem = OutboxItem & { waiting: boolean };

const RETRY_EVERY_MS = 15_000;

function subscribeOnline(callback: () => void) {
  window.addEventListener("online", callback);
  window.addEventListener("offline", callback);
  return () => {
    window.removeEventListener("online", callback);
    window.removeEventListener("offline", callback);
  };
}

/** The browser's own idea of being online (it can be wrong in the hopeful direction, never the other). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/**
 * Sends registrations through the IndexedDB outbox and keeps resending what is left: at start-up,
 * when the browser comes back online, and every 15 seconds. One item is never in flight twice from
 * this page, and an undone item is never sent again.
 */
export function useOutbox(userId: string, onResult: (item: OutboxItem, result: SendResult) => void) {
  const [pending, setPending] = useState<PendingItem[]>([]);
  const inFlight = useRef(new Map<string, Promise<SendResult>>());
  const cancelled = useRef(new Set<string>());
  const confirmed = useRef(new Set<string>());
  /** The registrations' ids of each item (a contact about several tasks has several), for undo. */
  const idsOf = useRef(new Map<string, string[]>());
  const onResultRef = useRef(onResult);
  useEffect(() => {
    onResultRef.current = onResult;
  }, [onResult]);

  // `retry`: sent again from the outbox (after a failure, a reload or coming back online), not on submit.
  const sendOne = useCallback((item: OutboxItem, retry: boolean): Promise<SendResult> => {
    const running = inFlight.current.get(item.id);
    if (running) return running;
    idsOf.current.set(item.id, itemIds(item));
    const promise = sendItem(item, retry)
      .then(async (result) => {
        if (result.kind === "retry") {
          setPending((list) => list.map((p) => (p.id === item.id ? { ...p, waiting: true } : p)));
        } else {
          if (result.kind !== "rejected") confirmed.current.add(item.id);
          await outboxDelete(item.id).catch(() => undefined);
          setPending((list) => list.filter((p) => p.id !== item.id));
        }
        if (!cancelled.current.has(item.id)) onResultRef.current(item, result);
        return result;
      })
      .finally(() => inFlight.current.delete(item.id));
    inFlight.current.set(item.id, promise);
    return promise;
  }, []);

  /** Stores the registration first, then sends it: a tab closed mid-request loses nothing. */
  const submit = useCallback(
    async (item: OutboxItem) => {
      setPending((list) => [...list, { ...item, waiting: false }]);
      await outboxPut(item).catch(() => undefined);
      if (cancelled.current.has(item.id)) return;
      await sendOne(item, false);
    },
    [sendOne],
  );

  const flushing = useRef(false);
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const stored = await outboxList(userId);
      const ids = new Set(stored.map((i) => i.id));
      setPending((list) => [
        ...stored.map((i) => ({ ...i, waiting: list.find((p) => p.id === i.id)?.waiting ?? !inFlight.current.has(i.id) })),
        ...list.filter((p) => !ids.has(p.id) && inFlight.current.has(p.id)),
      ]);
      // One at a time, oldest first; stop at the first sign that the network is still down.
      for (const item of stored) {
        if (cancelled.current.has(item.id)) continue;
        const result = await sendOne(item, true);
        if (result.kind === "retry") break;
      }
    } finally {
      flushing.current = false;
    }
  }, [userId, sendOne]);

  useEffect(() => {
    const timer = window.setTimeout(() => void flush(), 0);
    const interval = window.setInterval(() => void flush(), RETRY_EVERY_MS);
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    return () => {
      window.clearTimeout(timer);
      window.clearInterval(interval);
      window.removeEventListener("online", onOnline);
    };
  }, [flush]);

  /**
   * Undo: an unsent item is simply dropped from the outbox; one the server has (or is about to
   * have) is deleted there with reason "undo", which the server audit-logs.
   */
  const cancel = useCallback(async (id: string): Promise<{ ok: boolean; error?: string }> => {
    cancelled.current.add(id);
    const running = inFlight.current.get(id);
    if (running) await running;
    if (confirmed.current.has(id)) {
      // A contact about several tasks is undone as a whole, one registration after the other.
      for (const rid of idsOf.current.get(id) ?? [id]) {
        const result = await callJson(`/api/registrations/${rid}?reason=undo`, "DELETE");
        if (!result.ok) return { ok: false, error: result.error };
      }
      return { ok: true };
    }
    await outboxDelete(id).catch(() => undefined);
    setPending((list) => list.filter((p) => p.id !== id));
    return { ok: true };
  }, []);

  return { pending, submit, flush, cancel };
}
