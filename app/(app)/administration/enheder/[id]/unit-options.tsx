import { formatCount, formatNumber } from "@/lib/format";
import { Section } from "@/components/ui/page-header";
import { deleteTestRegistrationsAction, saveOptionsAction } from "@/lib/units/setup-actions";
import type { UnitDetail } from "@/lib/units/page-queries";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Check, Hidden, Hint } from "@/components/forms/fields";

export function UnitOptions({
  unit,
  ids,
  readOnly,
}: {
  unit: UnitDetail;
  ids: { municipalityId: string; unitId: string };
  readOnly: boolean;
}) {
  return (
    <Section title="Indstillinger">
      {readOnly ? (
        <ul className="list-disc pl-5">
          <li>Tidsmåling: {unit.timeMeasurement ? "til" : "fra"}</li>
          <li>Prøvetælling: {unit.testMode ? "til" : "fra"}</li>
        </ul>
      ) : (
        <ActionForm
          action={saveOptionsAction}
          submitLabel="Gem indstillinger"
          label="Indstillinger"
          className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={ids} />
          <Check
            name="timeMeasurement"
            defaultChecked={unit.timeMeasurement}
            label="Tidsmåling"
            hint="Registranten starter og stopper et ur, og registreringen gemmer henvendelsens start og slut."
          />
          <Check
            name="testMode"
            defaultChecked={unit.testMode}
            label="Prøvetælling"
            hint="Til at øve før tælleugerne. Testregistreringer kommer aldrig med i rapporter eller udtræk og kan slettes samlet."
          />
        </ActionForm>
      )}
      <div className="space-y-2">
        <p>
          Enheden har <strong>{formatCount(unit.testRegistrations, "testregistrering", "testregistreringer")}</strong>.
        </p>
        {!readOnly && unit.testRegistrations > 0 ? (
          <ConfirmAction
            action={deleteTestRegistrationsAction}
            fields={ids}
            triggerLabel="Slet testregistreringer"
            title="Slet alle testregistreringer?"
            confirmLabel={`Slet ${formatCount(unit.testRegistrations, "testregistrering", "testregistreringer")}`}
          >
            <p>
              {unit.testRegistrations === 1
                ? "Enhedens ene testregistrering"
                : `Alle ${formatNumber(unit.testRegistrations)} testregistreringer`}{" "}
              i {unit.name} slettes. Rigtige registreringer bliver liggende. Det kan ikke fortrydes.
            </p>
          </ConfirmAction>
        ) : null}
        {unit.testMode ? <Hint>Slå prøvetælling fra, inden tælleugerne begynder, så registreringerne tæller med.</Hint> : null}
      </div>
    </Section>
  );
}
