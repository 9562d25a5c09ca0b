import { Button } from "@/components/ui/button";
import type { ReportContext } from "@/lib/reports/context";
import { SOURCE_LABELS, SOURCES } from "@/lib/reports/filters";
import type { FilterOptions } from "@/lib/reports/options";
import type { ReportDefinition } from "@/lib/reports/types";

// A plain GET form: the filters end up in the URL, so a report can be bookmarked and shared.

const field = "block w-full rounded border border-slate-500 bg-white px-2 py-1.5";
const DIM_LABELS: Record<string, string> = { kanal: "Kanal", opgave: "Opgave", enhed: "Enhed", uge: "Uge", kommune: "Kommune" };

export function FilterForm({ report, ctx, options, national }: { report: ReportDefinition; ctx: ReportContext; options: FilterOptions; national: boolean }) {
  const f = ctx.filters;
  const dims = (report.dimensions ?? []).filter((d) => d !== "kommune" || national);
  return (
    <form method="get" className="mb-6 rounded-md border border-slate-300 bg-white p-4 print:hidden" aria-label="Filtre">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {options.municipalities.length > 1 || national ? (
          <label className="block">
            <span className="font-medium">Kommune</span>
            <select name="kommune" defaultValue={ctx.municipality ? String(ctx.municipality.number) : ""} className={field}>
              {national ? <option value="">Alle kommuner</option> : null}
              {options.municipalities.map((m) => (
                <option key={m.number} value={m.number}>{`${m.name} (${m.number})`}</option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block">
          <span className="font-medium">Tællerunde</span>
          <select name="runde" defaultValue={f.runde ?? (ctx.round && !f.fra && !f.til && !f.uge.length ? ctx.round.code : "")} className={field}>
            <option value="">Ingen (brug uger eller datoer)</option>
            {options.rounds.map((r) => (
              <option key={r.code} value={r.code}>{r.name}</option>
            ))}
          </select>
        </label>
        {report.slug === "selvbetjening" ? (
          <label className="block">
            <span className="font-medium">Sammenlign med runde</span>
            <select name="sammenlign" defaultValue={ctx.compareRound?.code ?? ""} className={field}>
              <option value="">Forrige runde</option>
              {options.rounds.map((r) => (
                <option key={r.code} value={r.code}>{r.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block">
          <span className="font-medium">Uger</span>
          <span className="block text-sm text-slate-700">fx 2026-43, 2026-44</span>
          <input name="uge" defaultValue={f.uge.join(", ")} className={field} />
        </label>
        <label className="block">
          <span className="font-medium">Fra dato</span>
          <input type="date" name="fra" defaultValue={f.fra ?? ""} className={field} />
        </label>
        <label className="block">
          <span className="font-medium">Til dato</span>
          <input type="date" name="til" defaultValue={f.til ?? ""} className={field} />
        </label>
        {options.units.length ? (
          <label className="block">
            <span className="font-medium">Enheder (med underenheder)</span>
            <select name="enhed" multiple defaultValue={f.enhed} className={field} size={Math.min(6, options.units.length)}>
              {options.units.map((u) => (
                <option key={u.id} value={u.id}>{`${"– ".repeat(u.depth)}${u.name}`}</option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block">
          <span className="font-medium">Opgaver (KLE-numre)</span>
          <span className="block text-sm text-slate-700">fx 23.05.10, 05.10.08</span>
          <input name="opgave" defaultValue={f.opgave.join(", ")} className={field} />
        </label>
        <label className="block">
          <span className="font-medium">Opgavepakke</span>
          <select name="pakke" defaultValue={f.pakke ?? ""} className={field}>
            <option value="">Alle opgaver</option>
            {options.packages.map((p) => (
              <option key={p.code} value={p.code}>{p.name}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">Behovsgruppe i pakken</span>
          <select name="behov" defaultValue={f.behov ?? ""} className={field}>
            <option value="">Alle</option>
            {[...new Set(options.packages.flatMap((p) => p.needGroups))].sort().map((g) => (
              <option key={g} value={g}>{g}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">Kanaler</span>
          <select name="kanal" multiple defaultValue={f.kanal} className={field} size={6}>
            {options.channels.map((c) => (
              <option key={c.code} value={c.code}>{`${c.name}, ${c.direction === "IN" ? "ind" : "ud"} (${c.code})`}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend className="font-medium">Datakilde</legend>
          {SOURCES.map((s) => (
            <label key={s} className="flex items-center gap-2">
              <input type="checkbox" name="kilde" value={s} defaultChecked={f.kilde.includes(s)} />
              {SOURCE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        {dims.length ? (
          <label className="block">
            <span className="font-medium">Fordel efter</span>
            <select name="efter" defaultValue={f.efter ?? dims[0]} className={field}>
              {dims.map((d) => (
                <option key={d} value={d}>{DIM_LABELS[d]}</option>
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
          <label className="flex items-center gap-2 self-end">
            <input type="checkbox" name="afrund" value="1" defaultChecked={ctx.wholePercent} />
            KL&apos;s opstilling i hele procent (som KL afrundede)
          </label>
        ) : null}
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="udenfor" value="1" defaultChecked={ctx.includeOutside} />
          Medtag registreringer uden for tælleugerne
        </label>
      </div>
      <div className="mt-4 flex gap-3">
        <Button type="submit">Vis rapport</Button>
        <a href="?" className="inline-flex min-h-11 items-center">Nulstil filtre</a>
      </div>
    </form>
  );
}
