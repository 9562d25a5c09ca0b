import { expect, type Locator, type Page } from "@playwright/test";

// Shared steps for the registration specs. Every spec runs against the same server and database
// as the others, so checks are about the ids a test created itself (or count deltas), never about
// empty tables.

export interface TodayRow {
  id: string;
  channelCode: string;
  taskId: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  isTest: boolean;
  inCountingWeek: boolean;
  task: { number: string; title: string };
  answers: { questionId: string; optionId: string }[];
}
export interface Today {
  own: TodayRow[];
  ownCount: number;
  unitCount: number;
}

/** Opens the registration screen and waits until the panel has taken focus (keys work from here). */
export async function openScreen(page: Page): Promise<string> {
  await page.goto("/registrering");
  const screen = page.locator("[data-registration-unit]");
  await expect(screen).toBeVisible();
  await expect(page.locator("[data-registration-panel] input:focus")).toHaveCount(1);
  return (await screen.getAttribute("data-registration-unit"))!;
}

export async function fetchToday(page: Page, unitId: string): Promise<Today> {
  const response = await page.request.get(`/api/registrations/today?unitId=${unitId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Today;
}

/** A tile of one step ("channel", "task", "type", "closure", "form"), found by its visible text. */
export function tile(page: Page, step: string, text: string | RegExp): Locator {
  return page.locator(`[data-step="${step}"] label`).filter({ hasText: text });
}

/** The key shown on a tile or button. */
export async function keyOf(locator: Locator): Promise<string> {
  return ((await locator.locator("kbd").first().textContent()) ?? "").trim();
}

/** The id of the registration the toast is about, once the server has confirmed it. */
export async function savedId(page: Page): Promise<string> {
  const toast = page.locator("[data-toast]");
  await expect(toast).toHaveAttribute("data-toast-status", "saved");
  return (await toast.getAttribute("data-toast"))!;
}

/** Waits for the toast to move on to a new registration after `previous`, and returns its id once saved. */
export async function nextSavedId(page: Page, previous: string | null): Promise<string> {
  const toast = page.locator("[data-toast]");
  if (previous) await expect(toast).not.toHaveAttribute("data-toast", previous);
  return savedId(page);
}

/**
 * The demo's Skranke unit keeps the order the demo data gives it (the coordinator's order: no
 * spec reorders Skranke), so its keys are fixed: these are the ones the specs press.
 */
export const SKRANKE_KEYS = {
  channel: { PRSNLG: "1", TLFUD: "2", EMLUD: "3", DOKUD: "4" },
  task: { Flytning: "1", Pas: "2", Kørekort: "3", Fejlhenvendelse: "0" },
} as const;

export async function taskIdOf(page: Page, title: string): Promise<string> {
  return (await tile(page, "task", title).locator("input").getAttribute("value"))!;
}

/** Only the rows with these ids, in the given order, as the server reads them back. */
export function pick(today: Today, ids: string[]): TodayRow[] {
  return ids.map((id) => {
    const row = today.own.find((r) => r.id === id);
    expect(row, `registration ${id} in today's list`).toBeTruthy();
    return row!;
  });
}

export function fields(row: TodayRow) {
  return {
    channelCode: row.channelCode,
    task: row.task.number,
    contactTypeCode: row.contactTypeCode,
    closureCode: row.closureCode,
    form: row.form,
    isTest: row.isTest,
  };
}
