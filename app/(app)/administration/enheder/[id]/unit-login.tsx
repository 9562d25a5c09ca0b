import { Input, Label } from "@/components/ui/field";
import { Section } from "@/components/ui/page-header";
import { disableUnitLoginAction, renewUnitLoginPasswordAction, saveUnitLoginAction } from "@/lib/units/setup-actions";
import type { UnitDetail } from "@/lib/units/page-queries";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Hidden, Hint } from "@/components/forms/fields";
import { danishSlug } from "@/lib/slug";

function suggestion(name: string, municipalityNumber: number): string {
  return `${danishSlug(name, "enhed").slice(0, 40).replace(/-$/, "")}.${municipalityNumber}@enhed.spor`;
}

export function UnitLogin({
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
  const login = unit.login;
  const active = login && !login.deactivatedAt;
  return (
    <Section title="Fælles enhedslogin">
      <Hint>
        Til en skranke-pc, som flere deler: et login, der kun kan registrere i {unit.name}. Adgangskoden laves af Spor og vises kun én gang.
        Personlige brugere er bedre, hvor det kan lade sig gøre.
      </Hint>
      <p>
        Status: <strong>{active ? `Til (${login.email})` : login ? `Slået fra (${login.email})` : "Intet fælles login"}</strong>
      </p>
      {readOnly || unit.archivedAt ? null : (
        <div className="space-y-4">
          <ActionForm
            action={saveUnitLoginAction}
            submitLabel={active ? "Gem login-navn" : login ? "Slå fælles login til med ny adgangskode" : "Opret fælles login"}
            label="Fælles login"
            className="max-w-xl space-y-3 rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={ids} />
            <div>
              <Label htmlFor="unit-login">Login-navn</Label>
              <Input
                id="unit-login"
                name="login"
                type="email"
                autoComplete="off"
                defaultValue={login?.email ?? suggestion(unit.name, municipalityNumber)}
                className="mt-1"
                aria-describedby="unit-login-hint"
              />
              <p id="unit-login-hint" className="mt-1 text-sm text-slate-700">
                Skrives i feltet E-mail, når man logger ind. Det behøver ikke være en rigtig postkasse.
              </p>
            </div>
          </ActionForm>
          {active ? (
            <div className="flex flex-wrap gap-4">
              <ConfirmAction
                action={renewUnitLoginPasswordAction}
                fields={{ ...ids, login: login.email }}
                triggerLabel="Lav ny adgangskode"
                title="Lav ny adgangskode til det fælles login?"
                confirmLabel="Lav ny adgangskode"
              >
                <p>Den gamle adgangskode holder op med at virke, og pc&apos;er, der er logget ind med den, bliver logget ud.</p>
              </ConfirmAction>
              <ConfirmAction
                action={disableUnitLoginAction}
                fields={ids}
                triggerLabel="Slå fælles login fra"
                title="Slå det fælles login fra?"
                confirmLabel="Slå fra"
              >
                <p>Ingen kan logge ind med det, og pc&apos;er, der er logget ind, bliver logget ud med det samme.</p>
              </ConfirmAction>
            </div>
          ) : null}
        </div>
      )}
    </Section>
  );
}
