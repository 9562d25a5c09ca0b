// `npm run bench`: every benchmark, written to docs/benchmarks.md. Targets stand beside each figure;
// nothing here fails a build — the numbers are for people to read and act on.
import fs from "node:fs";
import os from "node:os";
import { benchFoundation, SERVER } from "./foundation";
import { benchRegistrationLoad } from "./registration-load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

function fmt(n: number, digits = 0) {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function registrationSections(): Promise<string[]> {
  const sections: string[] = [];
  const targets = { server: { perSecond: 300, p95: 100 }, embedded: { perSecond: 150, p95: 100 } };
  for (const mode of ["server", "embedded"] as const) {
    try {
      const { label, rows, rowsWritten, rowsExpected } = await benchRegistrationLoad(mode, SERVER, SECONDS, 3300);
      const lines = rows.map(({ endpoint, result: r }) => {
        const bare = rows.find((x) => x.endpoint === "bare" && x.result.clients === r.clients)!.result;
        const ratio = endpoint === "registration" ? `${fmt((100 * r.perSecond) / bare.perSecond)} %` : "";
        return `| ${endpoint === "registration" ? "POST /api/registrations" : "GET /api/health/live (bare)"} | ${r.clients} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${r.errors}${r.firstError ? ` (${r.firstError.replace(/\|/g, "/")})` : ""} | ${ratio} |`;
      });
      const t = targets[mode];
      sections.push(
        `### ${label}\n\n${SECONDS} s per row, closed loop (each client sends its next request when the last one answered), ` +
          `signed-in registrant, a new registration id per request.\n\n` +
          `| endpoint | clients | requests/s | p50 ms | p95 ms | p99 ms | errors | of bare |\n|---|---|---|---|---|---|---|---|\n` +
          `${lines.join("\n")}\n\n` +
          `Target: ≥ ${t.perSecond} registrations/s with p95 ≤ ${t.p95} ms at 10 clients and no errors; registration ≥ 35 % of the bare handler. ` +
          `Rows read back afterwards: ${fmt(rowsWritten)} new rows for ${fmt(rowsExpected)} answers "201 created".\n`,
      );
      console.log(sections.at(-1));
    } catch (error) {
      sections.push(`### Registration load (${mode})\n\nNot measured: ${(error as Error).message.slice(0, 500)}\n`);
      console.error(error);
    }
  }
  return sections;
}

async function main() {
  const only = process.env.BENCH_ONLY;
  const foundation = only && only !== "foundation" ? [] : await benchFoundation();
  const registration = only && only !== "registration" ? [] : await registrationSections();
  const header =
    `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench/) on ${new Date().toISOString().slice(0, 10)}: ` +
    `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. The load generator runs ` +
    `on the same machine as the server, so it takes part of the two cores. Single runs: read them as orders of magnitude.\n\n`;
  const body = [
    registration.length ? `## Registration throughput\n\n${registration.join("\n")}` : "",
    foundation.length ? `## Start-up, sign-in and sessions\n\n${foundation.join("\n")}` : "",
  ].filter(Boolean);
  fs.writeFileSync("docs/benchmarks.md", header + body.join("\n") + "\n");
  console.log("Wrote docs/benchmarks.md");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
