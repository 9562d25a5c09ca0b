import { spawn } from "node:child_process";

// Keeps Spor's web server running: `bin/spor.mjs serve` starts the server as a child process through
// this supervisor. When the child dies (out of memory, a crash, kill -9), the supervisor logs why —
// exit code or signal and the last lines the child wrote to stderr — and starts it again after a
// pause that doubles with each failure in a row (1 s, 2 s, 4 s … at most 30 s). A child that ran a
// minute after becoming ready counts as healthy: its next failure waits the first pause again.
// SIGINT/SIGTERM to `serve` are passed on to the child for a clean stop, and nothing is restarted then.
//
// The child tells the supervisor it is ready (listening) with process.send({ type: "ready" }) over
// the IPC channel. A child that dies before it was ever ready, on the first start, is a
// configuration problem (port taken, database unreachable, no build): the supervisor then stops too,
// with the child's exit code, instead of retrying for ever.

/**
 * The pause before restart number `failures` (1 for the first failure in a row).
 * @param {number} failures
 * @param {{ initialDelayMs: number, maxDelayMs: number }} options
 */
export function restartDelay(failures, { initialDelayMs, maxDelayMs }) {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(initialDelayMs * 2 ** exponent, maxDelayMs);
}

/**
 * @typedef {{ type: "ready", pid: number }
 *   | { type: "exit", pid: number, code: number | null, signal: NodeJS.Signals | null, lastLines: string[], restartInMs: number | null }
 *   | { type: "restart", attempt: number }} SupervisorEvent
 */

/**
 * @typedef {object} SupervisorOptions
 * @property {string} command the program (e.g. process.execPath)
 * @property {string[]} args
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [cwd]
 * @property {"inherit" | "ignore"} [stdout] where the child's stdout goes (default inherit)
 * @property {NodeJS.WritableStream | null} [stderr] where the child's stderr is copied as it comes (default process.stderr)
 * @property {number} [initialDelayMs] first pause (default 1000)
 * @property {number} [maxDelayMs] longest pause (default 30000)
 * @property {number} [healthyAfterMs] ready this long = healthy: the next failure starts the pauses over (default 60000)
 * @property {number} [stopGraceMs] after a forwarded signal, SIGKILL the child if still running after this (default 15000)
 * @property {number} [keepLines] stderr lines kept for the log when the child dies (default 40)
 * @property {(line: string) => void} [log] (default console.error)
 * @property {(event: SupervisorEvent) => void} [onEvent]
 */

/**
 * Starts the child and keeps it running until stop().
 * @param {SupervisorOptions} options
 * @returns {{ readonly pid: number | undefined, stop(signal?: NodeJS.Signals): Promise<number>, done: Promise<number> }}
 *   `done` resolves with the exit code `serve` should end with.
 */
export function supervise(options) {
  const {
    command,
    args,
    env = process.env,
    cwd,
    stdout = "inherit",
    stderr = process.stderr,
    initialDelayMs = 1000,
    maxDelayMs = 30_000,
    healthyAfterMs = 60_000,
    stopGraceMs = 15_000,
    keepLines = 40,
    log = (line) => console.error(line),
    onEvent = () => {},
  } = options;

  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;
  let everReady = false;
  let failures = 0;
  let stopping = false;
  let killedAfterGrace = false;
  /** @type {NodeJS.Timeout | null} */
  let restartTimer = null;
  /** @type {(code: number) => void} */
  let finish = () => {};
  const done = new Promise((resolve) => (finish = resolve));

  function start() {
    restartTimer = null;
    /** @type {string[]} */
    const lines = [];
    let partial = "";
    let readyAt = 0;
    const proc = spawn(command, args, { env, cwd, stdio: ["ignore", stdout, "pipe", "ipc"] });
    child = proc;
    proc.stderr?.on("data", (chunk) => {
      stderr?.write(chunk);
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts.filter((line) => line.trim() !== ""));
      if (lines.length > keepLines) lines.splice(0, lines.length - keepLines);
    });
    proc.on("message", (message) => {
      if (message && typeof message === "object" && /** @type {{ type?: unknown }} */ (message).type === "ready") {
        everReady = true;
        readyAt = Date.now();
        onEvent({ type: "ready", pid: proc.pid ?? 0 });
      }
    });
    proc.on("error", (error) => log(`[spor] Serveren kunne ikke startes: ${error.message}`));
    proc.on("exit", (code, signal) => {
      child = null;
      if (partial.trim()) lines.push(partial);
      const lastLines = lines.slice(-keepLines);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (stopping) {
        onEvent({ type: "exit", pid: proc.pid ?? 0, code, signal, lastLines, restartInMs: null });
        finish(killedAfterGrace ? 1 : 0);
        return;
      }
      const tail = lastLines.length ? `\n[spor] De sidste linjer fra serverens fejllog:\n${lastLines.map((l) => `  ${l}`).join("\n")}` : "";
      if (!everReady) {
        onEvent({ type: "exit", pid: proc.pid ?? 0, code, signal, lastLines, restartInMs: null });
        log(`[spor] Serveren stoppede, før den var klar (${how}); den startes ikke igen.${tail}`);
        finish(code || 1);
        return;
      }
      if (readyAt && Date.now() - readyAt >= healthyAfterMs) failures = 0;
      failures += 1;
      const delay = restartDelay(failures, { initialDelayMs, maxDelayMs });
      onEvent({ type: "exit", pid: proc.pid ?? 0, code, signal, lastLines, restartInMs: delay });
      log(
        `[spor] Serveren stoppede uventet (${how}).${tail}\n[spor] Starter serveren igen om ${formatDelay(delay)} (fejl nr. ${failures} i træk).`,
      );
      restartTimer = setTimeout(() => {
        onEvent({ type: "restart", attempt: failures });
        start();
      }, delay);
    });
  }

  start();

  return {
    get pid() {
      return child?.pid;
    },
    stop(signal = "SIGTERM") {
      if (!stopping) {
        stopping = true;
        if (restartTimer) {
          clearTimeout(restartTimer);
          restartTimer = null;
          finish(0);
        } else if (child) {
          const proc = child;
          proc.kill(signal);
          const grace = setTimeout(() => {
            if (proc.exitCode === null && proc.signalCode === null) {
              log(`[spor] Serveren stoppede ikke inden for ${formatDelay(stopGraceMs)}; den afbrydes (SIGKILL).`);
              killedAfterGrace = true;
              proc.kill("SIGKILL");
            }
          }, stopGraceMs);
          grace.unref();
          proc.once("exit", () => clearTimeout(grace));
        } else {
          finish(0);
        }
      }
      return done;
    },
    done,
  };
}

/** @param {number} ms */
function formatDelay(ms) {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s`.replace(".", ",") : `${ms} ms`;
}
