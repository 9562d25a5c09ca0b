import "server-only";
import fs from "node:fs";
import path from "node:path";

/** A problem with the embedded database directory that the operator must act on. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedDatabaseError";
  }
}

const LOCK_FILE = "spor.lock";
/** Directories this process holds: a second open in the same process is as dangerous as another process. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite writes PG_VERSION as part of initdb. A directory with files but no PG_VERSION was
 * interrupted while being created and cannot be opened safely.
 */
export function checkNotHalfInitialised(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  const entries = fs.readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
  if (entries.length === 0) return;
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new EmbeddedDatabaseError(
      `Databasemappen ${dataDir} er kun delvist oprettet (oprettelsen blev afbrudt). ` +
        `Den indeholder ingen data, der kan reddes: slet mappen (rm -rf "${dataDir}") og start Spor igen.`,
    );
  }
}

/**
 * PGlite has no locking of its own, and two processes on one directory corrupt it.
 * We hold a lock file with our pid for as long as the process lives.
 */
export function acquireDirectoryLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  if (heldHere.has(dataDir)) {
    throw new EmbeddedDatabaseError(`Den indlejrede database i ${dataDir} er allerede åben i denne proces. Luk den, før den åbnes igen.`);
  }
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      heldHere.add(dataDir);
      const release = () => {
        heldHere.delete(dataDir);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isFinite(holder) && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseError(
          `Den indlejrede database i ${dataDir} bruges allerede af en anden proces (pid ${holder}), ` +
            `typisk en kørende Spor-server. Stop den først (eller sæt DATABASE_URL til en PostgreSQL-server, ` +
            `som flere processer kan dele).`,
        );
      }
      // The holder died without cleaning up (or is an earlier process whose pid we now have): stale.
      fs.unlinkSync(lockPath);
    }
  }
  throw new EmbeddedDatabaseError(`Kunne ikke låse databasemappen ${dataDir}.`);
}
