import { UserFacingError } from "@/lib/errors";

// The command line's own argument parser. node:util's parseArgs answers bad input in English
// ("Unknown option '--x'"); operators read Danish, so every mistake here gets a Danish message that
// names the command and points at its --help. `--name value` and `--name=value`; `--` ends options.

export interface OptionSpec {
  type: "string" | "boolean";
  /** May be given more than once (and comma-separated); the value is a list. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValues = Record<string, string | string[] | boolean | undefined>;

/** A mistake in how a command was called: the caller prints it with the command's usage, exit code 2. */
export class UsageError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

/** Whether the arguments ask for help (`--help` or `-h` before any `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/**
 * Parses `args` against `specs`. `command` ("report", "import csv") is only for the messages.
 * Unknown options, missing values and values given twice are UsageErrors.
 */
export function parseCommandArgs(command: string, args: readonly string[], specs: OptionSpecs): ParsedArgs {
  const values: OptionValues = {};
  const positionals: string[] = [];
  const hint = `Se npx spor ${command} --help.`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq < 0 ? undefined : eq) : "";
    const spec = name ? specs[name] : undefined;
    if (!spec) throw new UsageError(`Ukendt tilvalg ${eq < 0 ? arg : arg.slice(0, eq)} til npx spor ${command}. ${hint}`);
    if (spec.type === "boolean") {
      if (eq >= 0) throw new UsageError(`--${name} tager ingen værdi. ${hint}`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) value = args[++i];
    if (value === undefined || value.trim() === "") throw new UsageError(`--${name} mangler en værdi. ${hint}`);
    if (spec.multiple) {
      const list = value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      values[name] = [...((values[name] as string[] | undefined) ?? []), ...list];
    } else {
      if (values[name] !== undefined) throw new UsageError(`--${name} er angivet mere end én gang. ${hint}`);
      values[name] = value;
    }
  }
  return { values, positionals };
}

/** The one string value of an option (undefined when not given). */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** The list value of a `multiple` option (empty when not given). */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : [];
}
