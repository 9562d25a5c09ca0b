import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/database/open";
import { runSpor, spawnSpor } from "../helpers/cli";
import { samlTestEnv } from "../helpers/saml-idp";

// The operators' CLI as operators run it: the real bin against a real embedded directory.
// (PGlite only: the server mode shares every line of code below the database selection.)

const CLI_TIMEOUT = 180_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "spor-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cliEnv = { SPOR_DATA_DIR: dataDir, DATABASE_URL: undefined };
/** A command in this process (tests/helpers/cli.ts); the first test runs the real binary. */
const spor = (...args: string[]) => runSpor(cliEnv, ...args);

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("npx spor", () => {
  // The binary itself, once (a spawn starts Node, tsx and PGlite: 3–15 s); the rest runs in-process.
  it("migrates and seeds", { timeout: CLI_TIMEOUT }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SPOR_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    expect(spawnSpor(env, "migrate")).toMatchObject({ code: 0, out: expect.stringMatching(/Kørte \d+ migreringer/) });
    expect(await spor("seed", "--demo")).toMatchObject({ code: 0, out: expect.stringContaining("Demodata er indlæst") });
  });

  it("imports KLE and creates a user with a one-time password", { timeout: CLI_TIMEOUT }, async () => {
    const kle = await spor("kle", "import", "tests/fixtures/kle-mini.xml");
    expect(kle.code).toBe(0);
    expect(kle.out).toMatch(/KLE indlæst: \d+ nye/);

    const created = await spor(
      "user",
      "create",
      "--email",
      "ny@koege.test",
      "--role",
      "registrant",
      "--municipality",
      "259",
      "--unit",
      "Jobcenter",
    );
    expect(created.code, created.err).toBe(0);
    const password = created.out.match(/Adgangskode .*: (\S+)/)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);

    const status = await spor("status");
    expect(status.out).toMatch(/Kommuner: 2, enheder: \d+, brugere: 7/);
  });

  it(
    "sets, lists and removes a municipality's single sign-on; the secret never on the command line nor in the output",
    { timeout: CLI_TIMEOUT },
    async () => {
      const secret = "kommunens-hemmelighed-123456";
      const sso = { ...cliEnv, SPOR_SECRETS_KEY: Buffer.alloc(32, 7).toString("base64"), SPOR_SSO_CLIENT_SECRET: secret };
      expect(
        await runSpor(
          { ...sso, SPOR_SSO_CLIENT_SECRET: undefined },
          "sso",
          "set",
          "--municipality",
          "259",
          "--issuer",
          "https://login.koege.test/v2.0",
          "--client-id",
          "spor",
        ),
      ).toMatchObject({
        code: 1,
        err: expect.stringMatching(/Angiv klienthemmeligheden/),
      });
      const set = await runSpor(
        sso,
        "sso",
        "set",
        "--municipality",
        "259",
        "--issuer",
        "https://login.koege.test/v2.0",
        "--client-id",
        "spor",
        "--password-off",
      );
      expect(set.code, set.err).toBe(0);
      expect(set.out).toMatch(/Redirect-URI til kommunens IT: http:\/\/localhost:3000\/api\/auth\/callback\/kommune-259/);
      // A later change keeps what it does not name (the secret included).
      expect(
        (await runSpor({ ...sso, SPOR_SSO_CLIENT_SECRET: undefined }, "sso", "set", "--municipality", "259", "--email-claim", "upn")).code,
      ).toBe(0);
      const list = await runSpor(sso, "sso", "list");
      expect(list.out).toMatch(
        /259 Køge: slået til; udsteder https:\/\/login\.koege\.test\/v2\.0; klient-id spor; e-mail i claim "upn"; adgangskode slået fra/,
      );
      expect(list.out + set.out + set.err).not.toContain(secret);
      expect(await runSpor(sso, "sso", "set", "--municipality", "259", "--issuer", "http://login.koege.test")).toMatchObject({
        code: 1,
        err: expect.stringMatching(/https-adresse/),
      });
      expect(await runSpor(sso, "sso", "remove", "--municipality", "259")).toMatchObject({
        code: 0,
        out: expect.stringMatching(/fjernet for 259/),
      });
      expect((await runSpor(sso, "sso", "list")).out).toMatch(/Ingen kommuner bruger single sign-on/);
    },
  );

  it("records a municipality's CVR number for login via KOMBIT, and shows the SAML settings", { timeout: CLI_TIMEOUT }, async () => {
    expect(await spor("saml", "cvr", "--municipality", "259", "--cvr", "1234")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Et CVR-nummer er otte cifre/),
    });
    expect(await spor("saml", "cvr", "--municipality", "259")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/--cvr NUMMER eller --remove/),
    });
    expect(await spor("saml", "cvr", "--municipality", "259", "--cvr", "11111111")).toMatchObject({
      code: 0,
      out: expect.stringContaining("259 Køge: CVR 11111111 gemt."),
    });
    expect(await spor("saml", "cvr", "--municipality", "101", "--cvr", "11111111")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/allerede registreret for Køge/),
    });
    const off = await spor("saml", "status");
    expect(off.out).toMatch(/Login via KOMBIT \(SAML\) er slået fra/);
    expect(off.out).toContain("259 Køge: CVR 11111111");
    const on = await runSpor({ ...cliEnv, ...samlTestEnv() }, "saml", "status");
    expect(on.out).toContain("Metadata til KOMBITs administrationsmodul: http://localhost:3000/api/auth/saml/metadata");
    expect(on.out).toContain("http://spor.kl.dk/roles/usersystemrole/tovholder/1");
    expect(await spor("saml", "cvr", "--municipality", "259", "--remove")).toMatchObject({
      code: 0,
      out: expect.stringMatching(/fjernet/),
    });
  });

  it("refuses bad input with a Danish message and a non-zero exit", { timeout: CLI_TIMEOUT }, async () => {
    const badRole = await spor("user", "create", "--email", "x@koege.test", "--role", "chef");
    expect(badRole.code).toBe(1);
    expect(badRole.err).toMatch(/Ukendt rolle/);
    expect(await spor("kle", "import", "findes-ikke.xml")).toMatchObject({ code: 1, err: expect.stringMatching(/Filen findes ikke/) });
    expect(await spor("fly")).toMatchObject({ code: 2, err: expect.stringMatching(/Ukendt kommando/) });
  });

  it("refuses to open a directory a running server holds", { timeout: CLI_TIMEOUT }, async () => {
    // A separate process holds the directory, as `next start` would.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    fs.writeFileSync(path.join(dataDir, "spor.lock"), String(holder.pid));
    try {
      const result = await spor("status");
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/bruges allerede af en anden proces.*Stop den først/s);
    } finally {
      holder.kill();
      fs.rmSync(path.join(dataDir, "spor.lock"), { force: true });
    }
    // The data is untouched and usable afterwards.
    const db = openDatabase({ kind: "embedded", dataDir });
    expect(await db.prisma.municipality.count()).toBe(2);
    await db.close();
  });
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("npx spor import / export", () => {
  const good = path.join(dataDir, "good.csv");
  const bad = path.join(dataDir, "bad.csv");
  const header = "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n";

  it("refuses a bad CSV with line numbers and writes nothing on --preview", { timeout: CLI_TIMEOUT }, async () => {
    fs.writeFileSync(good, `${header}259;Jobcenter;23.05.10;WEB;;;;2026-10-19;250\r\n`);
    fs.writeFileSync(bad, `${header}259;Jobcenter;23.05.10;WEB;;;;2026-10-19;1\r\n259;Jobcenter;23.05.10;FAX;;;;2026-10-19;1\r\n`);
    const refused = await spor("import", "csv", bad, "--municipality", "259");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Linje 3: Kanalen "FAX" findes ikke.');
    const registrations = async () => Number(/registreringer: (\d+)/.exec((await spor("status")).out)?.[1]);
    const before = await registrations();
    expect(before).toBeGreaterThanOrEqual(0); // a number, not NaN from a changed status line
    const previewed = await spor("import", "csv", good, "--municipality", "259", "--preview");
    expect(previewed.code, previewed.err).toBe(0);
    expect(previewed.out).toContain("Forhåndsvisning: intet er gemt. Kør uden --preview for at indlæse.");
    expect(previewed.out).not.toMatch(/Indlæst:/);
    expect(await registrations()).toBe(before);
  });

  it("imports a CSV as one batch and exports it", { timeout: CLI_TIMEOUT }, async () => {
    const imported = await spor("import", "csv", good, "--municipality", "259");
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/Indlæst: 1 rækker, 250 henvendelser/);
    const out = path.join(dataDir, "export.csv");
    const exported = await spor(
      "export",
      "registrations",
      "--municipality",
      "259",
      "--from",
      "2026-10-19",
      "--to",
      "2026-10-19",
      "--out",
      out,
    );
    expect(exported.code, exported.err).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text.startsWith("\ufeffkommunenummer;")).toBe(true);
    expect(text).toMatch(/;WEB;ind;;;;250;2026-10-19;/);
  });

  it(
    "imports an old raw export with question columns, lists them before writing, and exports them back",
    { timeout: CLI_TIMEOUT },
    async () => {
      const fixture = fs.readFileSync("tests/fixtures/legacy-questions.csv");
      // The preview says the rows fall outside Køge's counting weeks and names the round covering them.
      const previewed = await spor(
        "import",
        "legacy",
        "tests/fixtures/legacy-questions.csv",
        "--municipality",
        "259",
        "--create-units",
        "--preview",
      );
      expect(previewed.code, previewed.err).toBe(0);
      expect(previewed.out).toContain("Filens data dækker uge 43 (2013): 5 henvendelser.");
      expect(previewed.out).toContain("5 af rækkerne (5 henvendelser) ligger uden for kommunens tælleuger.");
      expect(previewed.out).toContain(
        "5 rækker ligger i ugerne for den landsdækkende runde «Efterår 2013» (uge 43, 44 og 45 (2013)). Data dækker uge 43 (2013).",
      );
      expect(previewed.out).toContain("Tilføj --join-round");
      const imported = await spor(
        "import",
        "legacy",
        "tests/fixtures/legacy-questions.csv",
        "--municipality",
        "259",
        "--create-units",
        "--join-round",
      );
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out).toContain('Spørgsmål "Er borgeren over eller under 65 år?" (nyt, 3 svar): Over (ny): 2, Under (ny): 1');
      expect(imported.out).toContain(
        'Spørgsmål "Hvordan hørte du om løsningen?" (nyt, 4 svar): Avis (ny): 2, Læst på nettet (ny): 1, Fra én på rådhuset (ny): 1',
      );
      expect(imported.out).toContain("Kommunen deltager nu i runden «Efterår 2013» med uge 43 (2013).");
      const out = path.join(dataDir, "old-layout.csv");
      const exported = await spor(
        "export",
        "registrations",
        "--municipality",
        "259",
        "--from",
        "2013-10-01",
        "--to",
        "2013-10-31",
        "--format",
        "legacy",
        "--out",
        out,
      );
      expect(exported.code, exported.err).toBe(0);
      // Row for row as read, each row's Datakilde included.
      const lines = (bytes: Buffer) => bytes.toString("latin1").split("\r\n");
      // Except Blanket on telephone rows: stored as not asked whatever the file said (NEJ or empty), and
      // written back as NEJ on every Tracetool row, as TraceTool wrote it (docs/formats.md).
      const asTraceToolWrote = (line: string) =>
        line.includes(";Tracetool;") ? line.replace(/^((?:[^;]*;){4}TLF(?:IND|UD);[^;]*;[^;]*;)[^;]*;/, "$1NEJ;") : line;
      expect(lines(fs.readFileSync(out))).toEqual(lines(fixture).map(asTraceToolWrote));
    },
  );

  it("refuses the same file again unless --allow-duplicate; reports filter on --source", { timeout: CLI_TIMEOUT }, async () => {
    const again = await spor("import", "legacy", "tests/fixtures/legacy-questions.csv", "--municipality", "259");
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/Rækkerne i filen er indlæst før: «legacy-questions.csv» den \d\d\.\d\d\.\d{4}/);
    expect(again.err).toContain("Tilføj --allow-duplicate");
    const report = await spor(
      "report",
      "kanaler",
      "--municipality",
      "259",
      "--round",
      "autumn-2013",
      "--source",
      "legacy_landkort",
      "--format",
      "json",
    );
    expect(report.code, report.err).toBe(0);
    // Only the one row whose Datakilde is DetDigitaleLandkort (a web visit).
    expect(JSON.parse(report.out).rows.map((r: { channelCode: string; contacts: number }) => [r.channelCode, r.contacts])).toEqual([
      ["WEB", 1],
    ]);
    const confirmed = await spor("import", "legacy", "tests/fixtures/legacy-questions.csv", "--municipality", "259", "--allow-duplicate");
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(confirmed.out).toMatch(/Indlæst: 5 rækker, 5 henvendelser/);
  });
});
