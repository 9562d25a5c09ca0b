import { parseArgs } from "node:util";
import { EmbeddedDatabaseError } from "@/lib/database/pglite-dir";
import { UserFacingError } from "@/lib/errors";
import { runKleImport, runMigrate, runSeed, runStatus } from "./database-commands";
import { runReportCommand } from "@/lib/reports/cli";
import { runExport, runImport } from "./exchange-commands";
import { runUserCreate } from "./user-commands";

const HELP = `spor – driftsværktøj til Spor

Brug:
  npx spor migrate                       kør databasemigreringer
  npx spor seed [--demo]                 indlæs referencedata (og demodata med --demo)
  npx spor kle import FIL                indlæs KL's KLE-Emneplan (XML, format 2.0)
  npx spor user create --email E --role R --municipality NR [--unit ENHED] [--name NAVN]
                                         opret en bruger; rollen er registrant, unit-lead,
                                         coordinator eller national; adgangskoden vises én gang
  npx spor status                        vis database og antal rækker
  npx spor import csv FIL --municipality NR [--preview]
                                         indlæs en upload-fil (Spors eller TraceTools skabelon);
                                         --preview tjekker og viser, hvad der ville blive indlæst
  npx spor import legacy FIL --municipality NR [--preview] [--timed-units LOGIN,LOGIN]
                                         indlæs en rå-eksport fra Det Digitale Landkort;
                                         --timed-units: enhederne (login i filen), der målte tid –
                                         kun deres start/slut tæller i Tidsforbrug (standard: ingen)
  npx spor export registrations [--municipality NR] [--from DATO --to DATO] [--format csv|legacy] [--out FIL]
                                         eksportér registreringer (alle kommuner uden --municipality)
  npx spor report NAVN --municipality NR [--from DATO --to DATO | --round ID] [--format csv|json] [--table ID]
                                         udskriv en rapports tabel (se docs/formats.md); NAVN er
                                         kanaler, selvbetjening, typer, afslutning, blanketter,
                                         omkostninger, tidspunkt, tidsforbrug, svar, enheder,
                                         benchmark, ranglister eller deltagelse

Databasen vælges som i appen: DATABASE_URL (PostgreSQL-server) eller den indlejrede
database i ./data/pglite (SPOR_DATA_DIR). Den indlejrede database kan kun bruges af én proces:
stop serveren, før du bruger spor mod den.`;

export async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  try {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      console.log(HELP);
      return 0;
    }
    if (command === "migrate") return await runMigrate();
    if (command === "status") return await runStatus();
    if (command === "seed") {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: "boolean" } } });
      return await runSeed(Boolean(values.demo));
    }
    if (command === "kle" && sub === "import") {
      const { positionals } = parseArgs({ args: argv.slice(2), allowPositionals: true });
      if (positionals.length !== 1) throw new UserFacingError("Angiv præcis én XML-fil: npx spor kle import FIL");
      return await runKleImport(positionals[0]);
    }
    if (command === "user" && sub === "create") {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          email: { type: "string" },
          role: { type: "string" },
          municipality: { type: "string" },
          unit: { type: "string" },
          name: { type: "string" },
        },
      });
      return await runUserCreate(values);
    }
    if (command === "import" && (sub === "csv" || sub === "legacy")) {
      const { values, positionals } = parseArgs({
        args: argv.slice(2),
        allowPositionals: true,
        options: { municipality: { type: "string" }, "create-units": { type: "boolean" }, preview: { type: "boolean" }, "timed-units": { type: "string" } },
      });
      if (positionals.length !== 1) throw new UserFacingError(`Angiv præcis én fil: npx spor import ${sub} FIL --municipality NR`);
      return await runImport(sub, positionals[0], values);
    }
    if (command === "export" && sub === "registrations") {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { municipality: { type: "string" }, from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
      });
      return await runExport(values);
    }
    if (command === "report") {
      const { values, positionals } = parseArgs({
        args: argv.slice(1),
        allowPositionals: true,
        options: {
          municipality: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          round: { type: "string" },
          format: { type: "string" },
          table: { type: "string" },
          "include-outside": { type: "boolean" },
        },
      });
      return await runReportCommand(positionals[0], values);
    }
    console.error(`Ukendt kommando: ${argv.join(" ")}\n\n${HELP}`);
    return 2;
  } catch (error) {
    if (error instanceof UserFacingError || error instanceof EmbeddedDatabaseError) {
      console.error(`Fejl: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`Fejl: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
}
