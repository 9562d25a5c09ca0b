import "server-only";
import { EmbeddedDatabaseError } from "@/lib/database/pglite-dir";
import { UserFacingError } from "@/lib/errors";
import { asksForHelp, parseCommandArgs, UsageError } from "./args";
import { type CliCommand, COMMANDS, overview, usageOf } from "./commands";

// `npx spor …`: finds the command named by the first words, prints its usage for --help (exit 0),
// refuses options it does not take (Danish message, exit 2) and runs it (exit 1 on a user error).

/** The command named by the first one or two words, and how many words named it. */
function findCommand(argv: readonly string[]): CliCommand | undefined {
  return COMMANDS.find((c) => c.path.every((word, i) => argv[i] === word));
}

/** The commands starting with `word` ("import" → import csv, import legacy). */
function group(word: string | undefined): CliCommand[] {
  return word ? COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === word) : [];
}

export async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  if (!first || first === "--help" || first === "-h") {
    console.log(overview());
    return 0;
  }
  if (first === "help") {
    // `npx spor help report`: that command's usage.
    const wanted = argv.slice(1);
    const command = wanted.length ? findCommand(wanted) : undefined;
    const family = group(wanted[0]);
    if (command) console.log(usageOf(command));
    else if (family.length) console.log(family.map(usageOf).join("\n\n"));
    else if (wanted.length) return unknown(wanted);
    else console.log(overview());
    return 0;
  }
  const command = findCommand(argv);
  if (!command) {
    // A command family without (or with an unknown) second word: `npx spor import --help`.
    const family = group(first);
    if (family.length && asksForHelp(argv.slice(1))) {
      console.log(family.map(usageOf).join("\n\n"));
      return 0;
    }
    return unknown(argv);
  }
  const rest = argv.slice(command.path.length);
  if (asksForHelp(rest)) {
    console.log(usageOf(command));
    return 0;
  }
  try {
    const args = parseCommandArgs(command.path.join(" "), rest, command.options);
    if (args.positionals.length > command.positionals) {
      throw new UsageError(
        `For mange argumenter til npx spor ${command.path.join(" ")}: ${args.positionals.slice(command.positionals).join(" ")}. Se npx spor ${command.path.join(" ")} --help.`,
      );
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Fejl: ${error.message}\n\n${usageOf(command).split("\n")[0]}`);
      return 2;
    }
    if (error instanceof UserFacingError || error instanceof EmbeddedDatabaseError) {
      console.error(`Fejl: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function unknown(argv: readonly string[]): number {
  const family = group(argv[0]);
  const hint = family.length ? `Kommandoer: ${family.map((c) => `npx spor ${c.path.join(" ")}`).join(", ")}.` : overview();
  console.error(`Ukendt kommando: ${argv.join(" ")}\n\n${hint}`);
  return 2;
}
