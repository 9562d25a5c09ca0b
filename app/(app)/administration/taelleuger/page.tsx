import type { Metadata } from "next";
import { formatDate, formatNumber, formatWeekRange } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { EmptyState, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { addLocalPeriodAction, deleteLocalPeriodAction, setRoundWeeksAction } from "@/lib/counting/week-actions";
import { hasEnded } from "@/lib/units/setup-snapshot";
import { roundDates } from "@/lib/counting/weeks";
import { loadCountingWeeksPage } from "@/lib/counting/week-queries";
import { EMPTY_TALLY } from "@/lib/counting/round-tally";
import { RoundCounted } from "./round-counted";
import { localDateOnly } from "@/lib/counting/iso-week";
import { requireSection } from "@/lib/auth/guards";
import { ActionForm } from "@/components/forms/action-form";
import { AdminHeader } from "@/components/forms/admin-header";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Check, Fieldset, Hidden } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../_lib/municipality";

export const metadata: Metadata = { title: "Tælleuger – Administration" };

export default async function CountingWeeksPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const now = new Date();
  const { rounds, weeks, periods, outside, tallies } = await loadCountingWeeksPage(user.access, municipality.id, now);
  const chosen = new Set(weeks.map((w) => `${w.roundId}:${w.isoYear}-${w.isoWeek}`));
  const current = rounds.filter((r) => !hasEnded(r, now) || rounds.indexOf(r) === rounds.findIndex((x) => hasEnded(x, now)));
  const earlier = rounds.filter((r) => !current.includes(r));

  const roundCard = (round: (typeof rounds)[number]) => {
    const { weeks: roundWeeks } = roundDates(round);
    const joined = roundWeeks.filter((w) => chosen.has(`${round.id}:${w.isoYear}-${w.isoWeek}`));
    const ended = hasEnded(round, now);
    const status = ended ? "Afsluttet" : round.startsOn.getTime() <= localDateOnly(now).getTime() ? "I gang" : "Kommende";
    return (
      <li key={round.id} className="rounded-md border border-slate-300 bg-white p-4" data-round={round.name}>
        <h3 className="text-lg font-semibold">
          {round.name} <span className="font-normal text-slate-700">– {status}</span>
        </h3>
        <p>
          {formatWeekRange(round.isoYear, round.firstWeek, round.weekCount)} {round.isoYear} ({formatDate(roundWeeks[0].monday)}–
          {formatDate(roundWeeks.at(-1)!.sunday)}) · {round.package?.name ?? "Ingen opgavepakke"}
        </p>
        {ended ? (
          <RoundCounted
            roundName={round.name}
            joined={joined.map((w) => w.isoWeek)}
            weekCount={roundWeeks.length}
            tally={tallies.get(round.id) ?? EMPTY_TALLY}
          />
        ) : (
          <p className="mb-3 font-medium">
            {joined.length ? `Kommunen tæller i ${joined.map((w) => `uge ${w.isoWeek}`).join(", ")}.` : "Kommunen deltager ikke."}
          </p>
        )}
        {readOnly ? null : ended ? (
          <details className="mt-3">
            <summary className="min-h-11 cursor-pointer py-2 font-medium">Ret ugerne i {round.name}</summary>
            {weeksForm(round, roundWeeks, joined, ended)}
          </details>
        ) : (
          weeksForm(round, roundWeeks, joined, ended)
        )}
      </li>
    );
  };

  const weeksForm = (
    round: (typeof rounds)[number],
    roundWeeks: ReturnType<typeof roundDates>["weeks"],
    joined: ReturnType<typeof roundDates>["weeks"],
    ended: boolean,
  ) => (
    <ActionForm
      action={setRoundWeeksAction}
      submitLabel={joined.length ? "Gem uger" : "Deltag med de valgte uger"}
      label={`Uger i ${round.name}`}
      extraButtons={
        joined.length ? (
          <Button type="submit" name="intent" value="leave" variant="secondary">
            Deltag ikke i runden
          </Button>
        ) : null
      }
    >
      <Hidden values={{ municipalityId: municipality.id, roundId: round.id }} />
      <Fieldset legend={`Uger i ${round.name}`} className="space-y-0">
        <p id={`rule-${round.id}`} className="text-sm text-slate-700">
          Den første uge er obligatorisk for alle, der deltager: KL sammenligner kommunerne på den uge. De senere uger kan vælges fra.
        </p>
        {roundWeeks.map((w, i) => (
          <Check
            key={w.isoWeek}
            name="week"
            value={`${w.isoYear}-${w.isoWeek}`}
            // A coming round suggests every week; an ended one shows only what was chosen.
            defaultChecked={joined.length || ended ? joined.includes(w) : true}
            label={`Uge ${w.isoWeek}${i === 0 ? " (obligatorisk)" : ""}`}
            hint={`${formatDate(w.monday)}–${formatDate(w.sunday)}`}
          />
        ))}
      </Fieldset>
    </ActionForm>
  );

  return (
    <>
      <AdminHeader
        title="Tælleuger"
        tab="weeks"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration/taelleuger"
      >
        <p>
          Vælg hvilke uger i KL&apos;s nationale runder kommunen tæller i, og tilføj egne tælleperioder. Registreringer uden for tælleugerne
          gemmes, men markeres og holdes ude af rapporterne, medmindre man beder om dem.
        </p>
      </AdminHeader>
      {outside > 0 ? (
        <p className="mb-6">{formatNumber(outside)} registreringer ligger i dag uden for kommunens tælleuger og perioder.</p>
      ) : null}

      <Section title="Nationale runder">
        <ul className="space-y-4">{current.map(roundCard)}</ul>
        {earlier.length ? (
          <details className="mt-4">
            <summary className="min-h-11 cursor-pointer py-2 font-medium">Tidligere runder ({earlier.length})</summary>
            <ul className="mt-2 space-y-4">{earlier.map(roundCard)}</ul>
          </details>
        ) : null}
      </Section>

      <Section title="Lokale tælleperioder">
        {periods.length ? (
          <Table caption="Kommunens egne tælleperioder" captionHidden>
            <thead>
              <tr>
                <Th>Navn</Th>
                <Th>Fra</Th>
                <Th>Til</Th>
                {readOnly ? null : <Th>Handling</Th>}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.id}>
                  <Th scope="row">{p.name}</Th>
                  <Td>{formatDate(p.startsOn)}</Td>
                  <Td>{formatDate(p.endsOn)}</Td>
                  {readOnly ? null : (
                    <Td>
                      <ConfirmAction
                        action={deleteLocalPeriodAction}
                        fields={{ municipalityId: municipality.id, periodId: p.id }}
                        triggerLabel={`Slet ${p.name}`}
                        title={`Slet tælleperioden ${p.name}?`}
                        confirmLabel="Slet perioden"
                      >
                        <p>Registreringer i perioden bevares, men markeres som uden for tælleugerne.</p>
                      </ConfirmAction>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Kommunen har ingen lokale tælleperioder.</EmptyState>
        )}
        {readOnly ? null : (
          <ActionForm
            action={addLocalPeriodAction}
            submitLabel="Opret tælleperiode"
            label="Ny lokal tælleperiode"
            resetOnSuccess
            className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
          >
            <h3 className="font-semibold">Ny lokal tælleperiode</h3>
            <Hidden values={{ municipalityId: municipality.id }} />
            <div>
              <Label htmlFor="period-name">Navn</Label>
              <Input id="period-name" name="name" maxLength={100} className="mt-1" />
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <Label htmlFor="period-from">Fra og med</Label>
                <Input id="period-from" name="startsOn" type="date" className="mt-1" />
              </div>
              <div>
                <Label htmlFor="period-to">Til og med</Label>
                <Input id="period-to" name="endsOn" type="date" className="mt-1" />
              </div>
            </div>
          </ActionForm>
        )}
      </Section>
    </>
  );
}
