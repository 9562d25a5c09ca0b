import { formatDateTime } from "@/lib/format";
import { Section } from "@/components/ui/page-header";
import { startFromLastRoundAction } from "@/lib/units/actions";
import { planIsEmpty, type StartPlan } from "@/lib/units/start-from-last-round";
import { ConfirmAction } from "@/components/forms/confirm-action";

function planLines(plan: StartPlan): string[] {
  return [
    plan.unitsCreated ? `${plan.unitsCreated} enheder, der er slettet siden, oprettes igen` : "",
    plan.unitsReactivated ? `${plan.unitsReactivated} arkiverede enheder bliver aktive igen` : "",
    plan.unitsMoved ? `${plan.unitsMoved} enheder flyttes tilbage til deres plads i træet` : "",
    plan.channelChanges ? `${plan.channelChanges} kanalvalg sættes tilbage` : "",
    plan.taskChanges ? `${plan.taskChanges} opgavevalg sættes tilbage` : "",
    plan.obligatoryAdded && plan.to
      ? `${plan.obligatoryAdded} obligatoriske opgaver fra ${plan.to.packageName ?? plan.to.name} tilføjes`
      : "",
  ].filter(Boolean);
}

/** "Start fra sidste runde": what it would change, and the button (for the coordinator). */
export function StartFromLastRound({
  plan,
  municipalityId,
  readOnly,
  savedAt,
}: {
  plan: StartPlan | null;
  municipalityId: string;
  readOnly: boolean;
  savedAt: Date | null;
}) {
  return (
    <Section title="Start fra sidste runde">
      {!plan ? (
        <p className="text-slate-700">
          Når kommunen har talt i en national runde, kan du her starte den næste runde med samme enheder, kanaler og opgaver.
        </p>
      ) : (
        <div className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <p>
            Sidste runde, kommunen talte i: <strong>{plan.from.name}</strong>.{" "}
            {plan.from.saved && savedAt
              ? `Opsætningen, som den var, da runden sluttede, er gemt (${formatDateTime(savedAt)}).`
              : "Opsætningen er ikke ændret, siden runden sluttede."}
            {plan.to ? ` Næste runde: ${plan.to.name}${plan.to.packageName ? ` med ${plan.to.packageName}` : ""}.` : null}
          </p>
          {planIsEmpty(plan) ? (
            <p>Opsætningen er den samme som i sidste runde. Der er intet at genskabe.</p>
          ) : (
            <>
              <ul className="list-disc pl-5">
                {planLines(plan).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {readOnly ? null : (
                <ConfirmAction
                  action={startFromLastRoundAction}
                  fields={{ municipalityId }}
                  triggerLabel="Start fra sidste runde"
                  title="Start fra sidste runde?"
                  confirmLabel="Ja, start fra sidste runde"
                  variant="primary"
                >
                  <p>Enheder, kanaler og opgaver sættes tilbage, som de var i {plan.from.name}:</p>
                  <ul className="list-disc pl-5">
                    {planLines(plan).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  <p>Enheder, du har oprettet siden, beholdes. Intet slettes, og ændringen står i loggen.</p>
                </ConfirmAction>
              )}
            </>
          )}
          {plan.skipped.length ? <p className="text-sm text-slate-700">Springes over: {plan.skipped.join("; ")}.</p> : null}
        </div>
      )}
    </Section>
  );
}
