import { afterEach, describe, expect, it, vi } from "vitest";
import { parseCommandArgs, UsageError } from "@/lib/cli/args";
import { COMMANDS } from "@/lib/cli/commands";
import { main } from "@/lib/cli/main";
import { REPORTS } from "@/lib/reports/registry";

// The command line's usage and argument rules, in-process (no database is opened for any of these:
// help and argument mistakes are answered before). tests/db/cli-report.test.ts runs the real bin.

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  return { out: () => out.join("\n"), err: () => err.join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("npx spor COMMAND --help", () => {
  it.each(COMMANDS.map((c) => [c.path.join(" ")]))("%s --help prints its Danish usage and exits 0", async (name) => {
    const io = capture();
    expect(await main([...name.split(" "), "--help"])).toBe(0);
    expect(io.out().startsWith(`npx spor ${name}`)).toBe(true);
    expect(io.err()).toBe("");
    // -h and `help NAME` say the same.
    const again = capture();
    expect(await main([...name.split(" "), "-h"])).toBe(0);
    expect(await main(["help", ...name.split(" ")])).toBe(0);
    expect(again.out()).toBe(`${io.out()}\n${io.out()}`);
  });

  it("lists every command in the overview, and every report in the report usage", async () => {
    const io = capture();
    expect(await main(["--help"])).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(`npx spor ${c.path.join(" ")}`);
    const report = capture();
    expect(await main(["report", "--help"])).toBe(0);
    for (const r of REPORTS) expect(report.out()).toMatch(new RegExp(`^  ${r.slug} +${r.title}`, "m"));
    for (const flag of ["--table", "--by", "--unit", "--package", "--compare-round", "--source", "--include-outside", "--format"]) {
      expect(report.out()).toContain(flag);
    }
  });

  it("prints a command family's usages for its first word", async () => {
    const io = capture();
    expect(await main(["import", "--help"])).toBe(0);
    expect(io.out()).toContain("npx spor import csv FIL");
    expect(io.out()).toContain("npx spor import legacy FIL");
  });
});

describe("argument mistakes", () => {
  it.each([
    [["report", "kanaler", "--municipality", "259", "--bogus"], /Ukendt tilvalg --bogus til npx spor report/],
    [["report", "kanaler", "--municipality"], /--municipality mangler en værdi/],
    [["report", "kanaler", "--municipality", "259", "--format", "xml"], /--format skal være csv eller json/],
    [["report", "kanaler"], /Angiv kommunen: --municipality NR \(eller --national for alle kommuner\)/],
    [["report", "svar", "--national"], /Rapporten svar vises kun for én kommune/],
    [["report", "typer", "--municipality", "259", "--by", "opgave"], /Rapporten typer kan ikke fordeles/],
    [["report", "blanketter", "--municipality", "259", "--by", "enhed"], /kan fordeles efter kanal, opgave, ikke "enhed"/],
    [["report", "kanaler", "--municipality", "259", "--source", "FAX"], /Ukendt datakilde "FAX"/],
    [["report", "kanaler", "--national", "--unit", "Jobcenter"], /--unit kræver --municipality/],
    [["report", "kanaler", "--municipality", "259", "--round", "a", "--round", "b"], /--round er angivet mere end én gang/],
    [["report", "fly"], /Ukendt rapport: fly/],
    [["report", "kanaler", "--municipality", "259", "--from", "19-10-2026"], /--from skal være en dato i kalenderen, skrevet åååå-mm-dd/],
    [
      ["report", "kanaler", "--municipality", "259", "--to", "2026-02-30"],
      /--to skal være en dato i kalenderen, skrevet åååå-mm-dd, fx 2026-10-19, ikke "2026-02-30"/,
    ],
    [["report", "kanaler", "--municipality", "259", "--week", "uge43"], /--week skal være en uge skrevet åååå-uu/],
    [["migrate", "--preview=1"], /Ukendt tilvalg --preview til npx spor migrate/],
    [["seed", "--demo=ja"], /--demo tager ingen værdi/],
    [["status", "ekstra"], /For mange argumenter til npx spor status: ekstra/],
    [["serve", "--port", "80"], /Ukendt tilvalg --port til npx spor serve/],
  ])("%j gives a Danish error and exit code 2", async (argv, message) => {
    const io = capture();
    expect(await main(argv)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/Unknown|option|argument missing/i);
    expect(io.out()).toBe("");
  });

  it("names an unknown command or sub-command", async () => {
    const io = capture();
    expect(await main(["fly"])).toBe(2);
    expect(await main(["import", "xml", "f.xml"])).toBe(2);
    expect(io.err()).toMatch(/Ukendt kommando: fly/);
    expect(io.err()).toMatch(/Ukendt kommando: import xml f\.xml\n\nKommandoer: npx spor import csv, npx spor import legacy/);
  });
});

describe("parseCommandArgs", () => {
  const specs = { unit: { type: "string", multiple: true }, table: { type: "string" }, national: { type: "boolean" } } as const;

  it("reads --name value, --name=value, repeated and comma-separated lists, and stops at --", () => {
    const parsed = parseCommandArgs(
      "report",
      ["kanaler", "--unit", "A", "--unit=B,C", "--table=i-alt", "--national", "--", "--unit"],
      specs,
    );
    expect(parsed).toEqual({ values: { unit: ["A", "B", "C"], table: "i-alt", national: true }, positionals: ["kanaler", "--unit"] });
  });

  it("takes a value that starts with one dash, but not another option as a value", () => {
    expect(parseCommandArgs("report", ["--table", "-x"], specs).values.table).toBe("-x");
    expect(() => parseCommandArgs("report", ["--table", "--national"], specs)).toThrow(
      new UsageError("--table mangler en værdi. Se npx spor report --help."),
    );
    expect(() => parseCommandArgs("report", ["--table="], specs)).toThrow(/--table mangler en værdi/);
    expect(() => parseCommandArgs("report", ["-t"], specs)).toThrow(/Ukendt tilvalg -t/);
  });
});
