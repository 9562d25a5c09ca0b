import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { formatDateTime, formatNumber } from "@/lib/format";
import { saveSelfServiceGridAction, setSelfServiceChoiceAction } from "@/lib/self-service/actions";
import { loadSelfServiceGrid } from "@/lib/self-service/queries";
import { GridFile } from "./grid-file";

export const metadata: Metadata = { title: "Selvbetjening fra fagsystemerne" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SelfServiceDataPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("data");
  const params = await searchParams;
  const page = await loadSelfServiceGrid(user.access, { kommune: one(params.kommune), runde: one(params.runde) });
  const header = (
    <>
      <BackLink href="/data">Tilbage til Data</BackLink>
      <PageHeader title="Selvbetjening fra fagsystemerne">
        <p>
          Antal modtagne selvbetjeningsansøgninger pr. opgave og uge: tal fra selvbetjeningsløsningens eller fagsystemets statistikmodul
          (antal kvitteringer, ikke sidevisninger) eller fra tællerscriptet på borger.dk, og de tal, KL har indsamlet fra leverandørerne.
          Der tæller kun ét tal pr. opgave og uge i selvbetjeningsgraden.
        </p>
      </PageHeader>
    </>
  );
  if (!page) {
    return (
      <>
        {header}
        <EmptyState>Kun kommunens tovholdere indtaster selvbetjeningstal. KL indlæser leverandørdata under National.</EmptyState>
      </>
    );
  }
  const { municipality, municipalities, rounds } = page;
  if (!page.frame || !("cells" in page)) {
    return (
      <>
        {header}
        <EmptyState>Der er ingen tællerunde med en opgavepakke endnu.</EmptyState>
      </>
    );
  }
  const { frame, cells, registered, gridSource, suppliers, choices, bothTasks, round } = page;
  const weekLabel = (w: { isoWeek: number }) => `Uge ${w.isoWeek}`;
  const key = (w: { isoYear: number; isoWeek: number }) => w.isoYear * 100 + w.isoWeek;
  return (
    <>
      {header}
      <form method="get" action="/data/selvbetjening" role="search" aria-label="Vælg kommune og runde" className="mb-6 flex flex-wrap items-end gap-3">
        {municipalities.length > 1 ? (
          <div className="min-w-48">
            <Label htmlFor="ss-municipality">Kommune</Label>
            <Select id="ss-municipality" name="kommune" defaultValue={String(municipality.number)} className="mt-1">
              {municipalities.map((m) => (
                <option key={m.id} value={m.number}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="min-w-48">
          <Label htmlFor="ss-round">Tællerunde</Label>
          <Select id="ss-round" name="runde" defaultValue={round.id} className="mt-1">
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Vis
        </Button>
      </form>

      <Section title="Leverandørdata fra KL">
        {suppliers.length ? (
          <ul className="list-disc pl-6">
            {suppliers.map((s) => (
              <li key={`${s.solution}|${s.by}`}>
                {s.solution}: leveret af KL ({s.by}), indlæst {formatDateTime(s.at)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">KL har ikke indlæst leverandørdata for {municipality.name} i rundens uger.</p>
        )}
      </Section>

      <Section title={`Egne tal, ${round.name}`}>
        {frame.tasks.length ? (
          <ActionForm action={saveSelfServiceGridAction} submitLabel="Gem skema" label={`Selvbetjeningstal, ${municipality.name}, ${round.name}`}>
            <input type="hidden" name="municipalityId" value={municipality.id} />
            <input type="hidden" name="roundId" value={round.id} />
            <p id="grid-help" className="text-slate-700">
              Skriv antal modtagne ansøgninger pr. opgave og uge; lad feltet stå tomt, hvor I ikke har et tal (0 er et tal). At gemme igen
              erstatter rundens tidligere skema, og skemaet kan fortrydes under Data. Under hvert felt står KL&apos;s leverandørtal og
              registreret selvbetjening, hvis der er nogen.
            </p>
            <div className="flex flex-wrap gap-4">
              <div>
                <Label htmlFor="grid-source">Kilde</Label>
                <Select id="grid-source" name="source" defaultValue={gridSource?.source ?? "STATISTICS_MODULE"} className="mt-1">
                  <option value="STATISTICS_MODULE">Statistikmodul (kvitteringer)</option>
                  <option value="COUNTER_SCRIPT">Tællerscript på borger.dk</option>
                </Select>
              </div>
              <div>
                <Label htmlFor="grid-solution">Løsning (valgfri)</Label>
                <Input id="grid-solution" name="solution" defaultValue={gridSource?.solution ?? ""} maxLength={100} className="mt-1" />
              </div>
            </div>
            <GridFile tasks={frame.tasks.map((t) => ({ id: t.id, number: t.number }))} weekKeys={frame.weeks.map(key)} />
            <Table caption={`Selvbetjeningsansøgninger pr. opgave og uge, ${round.name}`}>
              <thead>
                <tr>
                  <Th>Opgave</Th>
                  {frame.weeks.map((w) => (
                    <Th key={key(w)}>{weekLabel(w)}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {frame.tasks.map((t) => (
                  <tr key={t.id}>
                    <Th scope="row">
                      {t.number} {t.title}
                    </Th>
                    {frame.weeks.map((w) => {
                      const cell = cells[`${t.id}_${key(w)}`];
                      const reg = registered[`${t.id}_${key(w)}`];
                      const noteId = `n_${t.id}_${key(w)}`;
                      return (
                        <Td key={key(w)}>
                          <Input
                            name={`c_${t.id}_${key(w)}`}
                            inputMode="numeric"
                            aria-label={`${t.number} ${t.title}, ${weekLabel(w).toLowerCase()}`}
                            aria-describedby={cell?.vendor || reg ? noteId : undefined}
                            defaultValue={cell?.own ?? ""}
                            className="w-24"
                          />
                          {cell?.vendor || reg ? (
                            <p id={noteId} className="mt-1 text-sm text-slate-700">
                              {cell?.vendor ? `KL: ${formatNumber(cell.vendor.count)} (${[...new Set(cell.vendor.solutions)].join(", ")})` : null}
                              {cell?.vendor && reg ? " · " : null}
                              {reg ? `Registreret: ${formatNumber(reg)}` : null}
                            </p>
                          ) : null}
                        </Td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </Table>
          </ActionForm>
        ) : (
          <EmptyState>Rundens opgavepakke har ingen opgaver.</EmptyState>
        )}
      </Section>

      <Section title="Hvilket tal tæller?">
        <p className="mb-3 text-slate-700">
          Har kommunen både egne tal og KL&apos;s leverandørdata for samme opgave og uge, tæller kun det ene i selvbetjeningsgraden. Uden et
          valg tæller kommunens egne tal. Rapporten <Link href="/rapporter/selvbetjening">Selvbetjeningsgrad</Link> viser pr. opgave, hvilken
          kilde der er brugt.
        </p>
        {bothTasks.length ? (
          bothTasks.map((t) => {
            const current = choices[t.id];
            return (
              <ActionForm
                key={t.id}
                action={setSelfServiceChoiceAction}
                submitLabel="Gem valg"
                variant="secondary"
                label={`Valg for ${t.number} ${t.title}`}
                className="mb-4"
              >
                <input type="hidden" name="municipalityId" value={municipality.id} />
                <input type="hidden" name="taskId" value={t.id} />
                <Label htmlFor={`choice-${t.id}`}>
                  {t.number} {t.title}
                </Label>
                <Select id={`choice-${t.id}`} name="choice" defaultValue={current?.choice ?? "OWN"} className="mt-1">
                  <option value="OWN">Kommunens egne tal</option>
                  <option value="VENDOR">Leverandørdata fra KL</option>
                </Select>
                {current ? (
                  <p className="text-sm text-slate-700">
                    Valgt {formatDateTime(current.at)}
                    {current.by ? ` af ${current.by}` : ""}.
                  </p>
                ) : null}
              </ActionForm>
            );
          })
        ) : (
          <p className="text-slate-700">Ingen opgaver i rundens uger har både egne tal og leverandørdata.</p>
        )}
      </Section>
    </>
  );
}
