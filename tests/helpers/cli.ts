import { spawnSync } from "node:child_process";
import { main } from "@/lib/cli/main";

/** What a run of `npx spor …` printed and its exit code. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `npx spor ARGS` as the binary runs it (bin/spor.mjs: Node, tsx, the database): for the tests that
 * check the binary itself. Each spawn costs 3–15 s on a busy 2-core machine, so a file spawns once.
 */
export function spawnSpor(env: NodeJS.ProcessEnv, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ["bin/spor.mjs", ...args], { env, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/**
 * `npx spor ARGS` in this process: the CLI's own main() with `env` set for the call and everything it
 * prints captured. The same code as the binary below bin/spor.mjs, without starting Node and
 * compiling the CLI again for every command; for the tests that check what commands do.
 */
export async function runSpor(env: Record<string, string | undefined>, ...args: string[]): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  let out = "";
  let err = "";
  const text = (args: unknown[]) => `${args.map((a) => (typeof a === "string" ? a : String(a))).join(" ")}\n`;
  const original = {
    log: console.log,
    info: console.info,
    error: console.error,
    warn: console.warn,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
  };
  console.log = console.info = (...a: unknown[]) => void (out += text(a));
  console.error = console.warn = (...a: unknown[]) => void (err += text(a));
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture((s) => (out += s));
  process.stderr.write = capture((s) => (err += s));
  set(env);
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    set(saved);
    Object.assign(console, { log: original.log, info: original.info, error: original.error, warn: original.warn });
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
  }
}
