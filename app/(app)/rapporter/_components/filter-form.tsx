import { Button, buttonClasses } from "@/components/ui/button";
import type { ReportContext } from "@/lib/reports/context";
import { SOURCE_LABELS, SOURCES } from "@/lib/reports/filters";
import type { FilterOptions } from "@/lib/reports/options";
import type { ReportDefinition } from "@/lib/reports/types";
import { AnswerFilterFields } from "./answer-filter-fields";
import { Checklist } from "./checklist";

// A plain GET form: the filters end up in the URL, so a report can be bookmarked and shared. It is
// folded to one line saying what is shown; "Ændr" opens the fields (a <details>, no script needed).
// Units, tasks and channels are lists of checkboxes with a search box, not Ctrl-click list boxes.

const field = "block w-full rounded border border-slate-500 bg-white px-2 py-1.5";
const DIM_LABELS: Record<string, string> = { kanal: "Kanal", opgave: "Opgave", enhed: "Enhed", uge: "Uge", kommune: "Kommune" };

/** "Hjemmepleje, Borgerservice og 3 andre". */
function some(names: string[], none: string): string {
  if (!names.length) return none;
  return names.length <= 2 ? names.join(" og ") : `${names.slice(0, 2).join(", ")} og ${names.length - 2} andre`;
}

/** The one line the folded filters show: every filter in force, in words. */
export function filterSummary(report: ReportDefinition, ctx: ReportContext, options: FilterOptions, national: boolean): string[] {
  const f = ctx.filters;
  const date = (d: string) => d.split("-").reverse().join(".");
  const parts: string[] = [];
  if (national) parts.push(ctx.municipality ? ctx.municipality.name : "alle kommuner");
  if (ctx.answerFilter) parts.push(`svar: ${ctx.answerFilter.question} ${ctx.answerFilter.option}`);
  const grouping = options.answerQuestions.find((q) => q.id === f.gruppering);
  if (grouping) parts.push(`pr. svar på ${grouping.text}`);
  if (ctx.allRounds) parts.push("alle tællerunder");
  if (ctx.round) parts.push(ctx.round.name);
  if (f.uge.length && !ctx.allRounds) parts.push(`uge ${f.uge.map((u) => u.replace(/^\d{4}-W?/, "")).join(", ")}`);
  if ((ctx.from || ctx.to) && !ctx.allRounds) parts.push(`${ctx.from ? date(ctx.from) : "…"}–${ctx.to ? date(ctx.to) : "…"}`);
  if (!ctx.allRounds && !ctx.round && !f.uge.length && !ctx.from && !ctx.to) parts.push("hele perioden");
  if (report.slug === "selvbetjening" && ctx.compareRound) parts.push(`sammenlignet med ${ctx.compareRound.name}`);
  if (options.units.length)
    parts.push(
      some(
        f.enhed.map((id) => options.units.find((u) => u.id === id)?.name ?? "ukendt enhed"),
        "alle enheder",
      ),
    );
  parts.push(some(f.opgave, "alle opgaver"));
  if (f.pakke) parts.push(`pakke: ${options.packages.find((p) => p.code === f.pakke)?.name ?? f.pakke}${f.behov ? ` (${f.behov})` : ""}`);
  parts.push(
    some(
      f.kanal.map((code) => options.channels.find((c) => c.code === code)?.name ?? code),
      "alle kanaler",
    ),
  );
  parts.push(f.kilde.length ? `datakilde: ${f.kilde.map((s) => SOURCE_LABELS[s]).join(", ")}` : "alle datakilder");
  if (f.efter && report.dimensions?.includes(f.efter)) parts.push(`fordelt efter ${DIM_LABELS[f.efter].toLowerCase()}`);
  if (ctx.taskLevel === "gruppe") parts.push("samlet på KLE-gruppe");
  if (ctx.wholePercent) parts.push("hele procent");
  if (ctx.includeOutside) parts.push("også uden for tælleugerne");
  return parts;
}

export function FilterForm({
  report,
  ctx,
  options,
  national,
}: {
  report: ReportDefinition;
  ctx: ReportContext;
  options: FilterOptions;
  national: boolean;
}) {
  const f = ctx.filters;
  const dims = (report.dimensions ?? []).filter((d) => d !== "kommune" || national);
  const listed = new Set(options.tasks.map((t) => t.number));
  // Numbers in the filter that are not in the list (KLE groups, tasks no unit counts) stay in a text field.
  const otherTasks = f.opgave.filter((n) => !listed.has(n));
  const summary = filterSummary(report, ctx, options, national);
  return (
    <details className="group mb-6 rounded-md border border-slate-300 bg-white print:hidden" data-testid="report-filters">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-2 p-3 [&::-webkit-details-marker]:hidden">
        <span className="min-w-0 flex-1">
          <span className="font-medium">Filtre: </span>
          <span data-testid="filter-summary">{summary.join(" · ")}</span>
        </span>
        <span className={buttonClasses("secondary", "min-h-9 py-1")} aria-hidden="true">
          <span className="group-open:hidden">Ændr</span>
          <span className="hidden group-open:inline">Luk</span>
        </span>
        <span className="sr-only">(Ændr filtre)</span>
      </summary>
      <form method="get" className="border-t border-slate-300 p-4" aria-label="Filtre">
        <div className="grid gap-x-6 gap-y-5 md:grid-cols-2 xl:grid-cols-3">
          <fieldset className="min-w-0 space-y-3">
            <legend className="text-lg font-semibold">{national ? "Kommune og periode" : "Periode"}</legend>
            {report.acrossRounds ? <p className="text-slate-700">Rapporten viser alle tællerunder, hver med sine egne uger.</p> : null}
            {options.municipalities.length > 1 || national ? (
              <label className="block">
                <span className="font-medium">Kommune</span>
                <select name="kommune" defaultValue={ctx.municipality ? String(ctx.municipality.number) : ""} className={field}>
                  {national && !report.municipalityOnly ? <option value="">Alle kommuner</option> : null}
                  {options.municipalities.map((m) => (
                    <option key={m.number} value={m.number}>{`${m.name} (${m.number})`}</option>
                  ))}
                </select>
              </label>
            ) : null}
            {report.acrossRounds ? null : (
              <>
                <label className="block">
                  <span className="font-medium">Tællerunde</span>
                  <select
                    name="runde"
                    defaultValue={f.runde ?? (ctx.round && !f.fra && !f.til && !f.uge.length ? ctx.round.code : "")}
                    className={field}
                  >
                    <option value="">Ingen (brug uger eller datoer)</option>
                    {options.rounds.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </label>
                {report.slug === "selvbetjening" ? (
                  <label className="block">
                    <span className="font-medium">Sammenlign med runde</span>
                    <select name="sammenlign" defaultValue={f.sammenlign ?? ""} className={field}>
                      <option value="">
                        Seneste runde med registreringer{ctx.compareRound && !f.sammenlign ? ` (${ctx.compareRound.name})` : ""}
                      </option>
                      {options.rounds.map((r) => (
                        <option key={r.code} value={r.code}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                <label className="block">
                  <span className="font-medium">Uger</span>
                  <span className="block text-sm text-slate-700">fx 2026-43, 2026-44</span>
                  <input name="uge" defaultValue={f.uge.join(", ")} className={field} />
                </label>
                <div className="grid grid-cols-2 gap-3">
                  <label className="block">
                    <span className="font-medium">Fra dato</span>
                    <input type="date" name="fra" defaultValue={f.fra ?? ""} className={field} />
                  </label>
                  <label className="block">
                    <span className="font-medium">Til dato</span>
                    <input type="date" name="til" defaultValue={f.til ?? ""} className={field} />
                  </label>
                </div>
              </>
            )}
            <AnswerFilterFields report={report} filters={f} questions={options.answerQuestions} className={field} />
            <label className="flex items-start gap-2">
              <input type="checkbox" name="udenfor" value="1" defaultChecked={ctx.includeOutside} className="mt-1 size-4 shrink-0" />
              Medtag registreringer uden for tælleugerne
            </label>
          </fieldset>

          <div className="min-w-0 space-y-4">
            {options.units.length ? (
              <Checklist
                name="enhed"
                legend="Enheder"
                hint="En enhed tæller med sine underenheder."
                items={options.units.map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
                selected={f.enhed}
                searchLabel="Søg i enheder"
              />
            ) : null}
            <Checklist
              name="kanal"
              legend="Kanaler"
              items={options.channels.map((c) => ({
                value: c.code,
                label: `${c.name}, ${c.direction === "IN" ? "ind" : "ud"} (${c.code})`,
              }))}
              selected={f.kanal}
              searchLabel="Søg i kanaler"
            />
            <fieldset>
              <legend className="font-medium">Datakilde</legend>
              {SOURCES.map((s) => (
                <label key={s} className="flex items-start gap-2">
                  <input type="checkbox" name="kilde" value={s} defaultChecked={f.kilde.includes(s)} className="mt-1 size-4 shrink-0" />
                  {SOURCE_LABELS[s]}
                </label>
              ))}
            </fieldset>
          </div>

          <div className="min-w-0 space-y-4">
            <Checklist
              name="opgave"
              legend="Opgaver"
              items={options.tasks.map((t) => ({ value: t.number, label: `${t.number} ${t.title}` }))}
              selected={f.opgave}
              searchLabel="Søg på nummer eller navn"
            />
            <label className="block">
              <span className="font-medium">Andre KLE-numre</span>
              <span className="block text-sm text-slate-700">fx en KLE-gruppe: 23.05</span>
              <input name="opgave" defaultValue={otherTasks.join(", ")} className={field} />
            </label>
            <label className="block">
              <span className="font-medium">Opgavepakke</span>
              <select name="pakke" defaultValue={f.pakke ?? ""} className={field}>
                <option value="">Alle opgaver</option>
                {options.packages.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="font-medium">Behovsgruppe i pakken</span>
              <select name="behov" defaultValue={f.behov ?? ""} className={field}>
                <option value="">Alle</option>
                {[...new Set(options.packages.flatMap((p) => p.needGroups))].sort().map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {dims.length || report.taskTables || report.slug === "selvbetjening" ? (
            <fieldset className="min-w-0 space-y-3">
              <legend className="text-lg font-semibold">Visning</legend>
              {dims.length ? (
                <label className="block">
                  <span className="font-medium">Fordel efter</span>
                  <select name="efter" defaultValue={f.efter ?? dims[0]} className={field}>
                    {dims.map((d) => (
                      <option key={d} value={d}>
                        {DIM_LABELS[d]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              {report.taskTables ? (
                <label className="block">
                  <span className="font-medium">Opgaveniveau</span>
                  <span className="block text-sm text-slate-700">fx 15.20 med 15.20.00 samlet</span>
                  <select name="niveau" defaultValue={ctx.taskLevel} className={field}>
                    <option value="emne">Hver opgave for sig</option>
                    <option value="gruppe">Samlet på KLE-gruppe</option>
                  </select>
                </label>
              ) : null}
              {report.slug === "selvbetjening" ? (
                <label className="flex items-start gap-2">
                  <input type="checkbox" name="afrund" value="1" defaultChecked={ctx.wholePercent} className="mt-1 size-4 shrink-0" />
                  KL&apos;s opstilling i hele procent (som KL afrundede)
                </label>
              ) : null}
            </fieldset>
          ) : null}
        </div>
        <div className="mt-5 flex flex-wrap gap-3">
          <Button type="submit">Vis rapport</Button>
          <a href="?" className="inline-flex min-h-11 items-center">
            Nulstil filtre
          </a>
        </div>
      </form>
    </details>
  );
}
