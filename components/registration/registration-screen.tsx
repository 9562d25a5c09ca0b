"use client";

import Link from "next/link";
import { useEffect } from "react";
import { StatusBanners } from "./banners";
import { FavouritesManager } from "./favourites-manager";
import type { ScreenData } from "./model";
import { StoredCopyNote } from "./offline-note";
import { useOfflineShell, useStoredCopy } from "./offline-shell";
import { RegistrationPanel } from "./registration-panel";
import { ShortcutSetting } from "./shortcut-setting";
import { TodayPanel } from "./today-panel";
import { useOnline } from "./use-outbox";
import { useRegistration } from "./use-registration";

/** The whole registration screen for one unit: banners, the panel, today's list and settings. */
export function RegistrationScreen({ screen, userId, buildId }: { screen: ScreenData; userId: string; buildId: string }) {
  const reg = useRegistration(screen, userId);
  const online = useOnline();
  const waiting = reg.pending.filter((p) => p.waiting).length;
  useOfflineShell(buildId, screen.unit.id);
  const storedAt = useStoredCopy(screen.renderedAt);
  const { refreshToday } = reg;
  useEffect(() => {
    // A stored copy's counts are as old as the copy: take the newest the browser has.
    if (storedAt) void refreshToday();
  }, [storedAt, refreshToday]);
  return (
    <div className="space-y-4 lg:space-y-2" data-wide-page="" data-registration-unit={screen.unit.id} data-rendered-at={screen.renderedAt}>
      <StatusBanners screen={screen} online={online} waiting={waiting} />
      <StoredCopyNote storedAt={storedAt} />
      {/* The panel has the full width so the whole registration fits one screen; today's list and the
          settings follow below it. */}
      <RegistrationPanel reg={reg} />
      <aside
        aria-label="Dagens registreringer og indstillinger"
        className="grid gap-6 pt-4 md:grid-cols-2 lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]"
      >
        <TodayPanel reg={reg} />
        <div className="space-y-4">
          <FavouritesManager reg={reg} />
          <ShortcutSetting reg={reg} />
          <p>
            <Link href="/registrering/skema" className="inline-flex min-h-11 items-center">
              Udskriv skema (papirtælling)
            </Link>
          </p>
        </div>
      </aside>
    </div>
  );
}
