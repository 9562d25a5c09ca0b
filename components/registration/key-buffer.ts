// Keys pressed before the registration screen is interactive. The page sends a tiny inline script
// (KEY_BUFFER_SCRIPT, run as soon as the HTML is parsed, before React has loaded) that records the
// keys a clerk types on a slow PC; the screen replays them in order once its handler is live
// (use-shortcuts.ts), so no key is lost and none lands twice.

/** Where the inline script keeps the keys: window.__sporKeys = { keys: string[], live: boolean }. */
export interface KeyBuffer {
  keys: string[];
  live: boolean;
  /** How many keys the screen took over (for tests and support: keys typed before it was interactive). */
  replayed?: number;
}

/** Fields where a key is text, not a shortcut (the same rule as the live handler). */
export const TYPING_SELECTOR = 'input:not([type="radio"]):not([type="checkbox"]), textarea, select, [contenteditable="true"]';

/**
 * The inline script. It ignores keys with modifiers, keys typed into fields and keys other than one
 * character, Enter and Escape; it stops as soon as the screen sets `live`. preventDefault keeps Enter
 * from submitting the not-yet-hydrated form.
 */
export const KEY_BUFFER_SCRIPT = `(function(){var b=window.__sporKeys||(window.__sporKeys={keys:[],live:false});if(b.installed)return;b.installed=true;document.addEventListener("keydown",function(e){if(b.live||e.defaultPrevented||e.isComposing||e.ctrlKey||e.metaKey||e.altKey)return;var t=e.target;if(t&&t.closest&&(t.closest(${JSON.stringify(TYPING_SELECTOR)})||t.closest("dialog")))return;if(e.key.length!==1&&e.key!=="Enter"&&e.key!=="Escape")return;b.keys.push(e.key);e.preventDefault();},true);})();`;

/**
 * Takes over from the inline script: no more buffering in this document (a screen for another unit,
 * or another page, never needs it again), and the keys typed so far.
 */
export function takeBufferedKeys(): string[] {
  const w = window as unknown as { __sporKeys?: KeyBuffer };
  const buffer = w.__sporKeys ?? (w.__sporKeys = { keys: [], live: true });
  buffer.live = true;
  const keys = buffer.keys;
  buffer.keys = [];
  buffer.replayed = (buffer.replayed ?? 0) + keys.length;
  return keys;
}
