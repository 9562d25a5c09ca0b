import { formatNumber } from "@/lib/format";
import { Section } from "@/components/ui/page-header";
import { archiveUnitAction, deleteUnitAction, reactivateUnitAction } from "@/lib/units/actions";
import type { UnitDetail } from "@/lib/units/page-queries";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Hidden } from "@/components/forms/fields";

export function UnitLifecycle({
  unit,
  ids,
  readOnly,
  municipalityNumber,
}: {
  unit: UnitDetail;
  ids: { municipalityId: string; unitId: string };
  readOnly: boolean;
  municipalityNumber: number;
}) {
  if (readOnly) return null;
  const deletable = unit.registrations === 0 && unit.children === 0 && unit.people === 0;
  return (
    <Section title="Arkivér eller slet">
      <p>
        Enheden har {formatNumber(unit.registrations)} registreringer, {formatNumber(unit.children)} underenheder og{" "}
        {formatNumber(unit.people)} tilknyttede brugere.
      </p>
      <div className="flex flex-wrap items-start gap-4">
        {unit.archivedAt ? (
          <ActionForm action={reactivateUnitAction} submitLabel="Genaktivér enheden" variant="secondary" label="Genaktivér">
            <Hidden values={ids} />
          </ActionForm>
        ) : (
          <ConfirmAction
            action={archiveUnitAction}
            fields={ids}
            triggerLabel="Arkivér enheden"
            title={`Arkivér ${unit.name}?`}
            confirmLabel="Arkivér"
          >
            <p>
              Ingen kan registrere i enheden{unit.children ? " eller dens underenheder" : ""} bagefter. Registreringerne bevares og tæller
              med i rapporterne. Et fælles login til enheden slås fra. Du kan genaktivere enheden senere.
            </p>
          </ConfirmAction>
        )}
        {deletable ? (
          <ConfirmAction
            action={deleteUnitAction}
            fields={{ ...ids, kommune: String(municipalityNumber) }}
            triggerLabel="Slet enheden"
            title={`Slet ${unit.name}?`}
            confirmLabel="Slet"
          >
            <p>Enheden har aldrig haft registreringer og kan derfor slettes helt. Det kan ikke fortrydes.</p>
          </ConfirmAction>
        ) : (
          <p className="max-w-prose text-sm text-slate-700">
            Enheden kan ikke slettes, fordi den har registreringer, underenheder eller brugere. Arkivér den i stedet.
          </p>
        )}
      </div>
    </Section>
  );
}
