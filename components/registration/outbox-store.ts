// The outbox: registrations the server has not confirmed yet, kept in IndexedDB so they survive a
// reload, a closed tab or a crashed browser. Every registration is written here *before* it is sent
// and removed only when the server has answered for it (stored, duplicate or refused), so nothing
// is lost between the click and the answer. The key is the registration's own UUID, which is also
// the server's idempotency key: sending an item twice can never make two rows.
import type { RegistrationPayload } from "./model";

export interface OutboxItem {
  id: string;
  /** Whose session may send it: on a shared PC another user must never send someone else's contacts. */
  userId: string;
  unitId: string;
  payload: RegistrationPayload;
  /**
   * A contact about several tasks: the other tasks' registrations, sent with `payload` as one unit
   * (POST /api/registrations/contact, all or none). Absent for one registration (and on items stored
   * by an earlier version of the screen).
   */
  more?: RegistrationPayload[];
  /** A readable summary for the list ("Telefon ind · Flytning · …"). */
  summary: string;
  queuedAt: string;
}

const DB_NAME = "spor";
const STORE = "outbox";

// Browsers without IndexedDB (some private modes) still work, but only for this page's lifetime.
const memory = new Map<string, OutboxItem>();
let opening: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: "id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return openDb().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        if (!db) return resolve(undefined);
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        // Resolve on commit, not on the request: only then is the write on disk.
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export async function outboxPut(item: OutboxItem): Promise<void> {
  memory.set(item.id, item);
  await run("readwrite", (store) => store.put(item));
}

export async function outboxDelete(id: string): Promise<void> {
  memory.delete(id);
  await run("readwrite", (store) => store.delete(id));
}

/** The user's unsent registrations, oldest first. */
export async function outboxList(userId: string): Promise<OutboxItem[]> {
  const stored = await run<OutboxItem[]>("readonly", (store) => store.getAll());
  const all = stored ?? [...memory.values()];
  return all.filter((item) => item.userId === userId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}
