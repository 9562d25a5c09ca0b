import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { KEY_BUFFER_SCRIPT } from "@/components/registration/key-buffer";
import { RegistrationScreen } from "@/components/registration/registration-screen";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/page-header";
import { yesterdayNudges } from "@/lib/coverage/nudge";
import { requireSection } from "@/lib/auth/guards";
import { buildId } from "@/lib/http/build-id";
import { loadRegistrationScreenFor } from "@/lib/registrations/queries";
import { pickUnit, UNIT_CHOICE_COOKIE } from "@/lib/registrations/unit-choice";
import { registrationUnitsOf } from "@/lib/units/queries";
import { UnitPicker } from "./unit-picker";

export const metadata: Metadata = { title: "Registrering" };

export default async function RegistrationPage() {
  const user = await requireSection("registration");
  const units = await registrationUnitsOf(user.access);
  const chosenId = pickUnit(
    units.map((u) => u.id),
    (await cookies()).get(UNIT_CHOICE_COOKIE)?.value,
  );
  const screen = chosenId ? await loadRegistrationScreenFor(user, chosenId) : null;
  const chosen = units.find((u) => u.id === chosenId);
  const nudges = chosenId ? await yesterdayNudges(chosenId) : [];
  const nonce = (await headers()).get("x-nonce") ?? undefined;

  // One line for the title, the unit and the help link, not the usual page header: the whole
  // registration must fit one screen below it.
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2 lg:-mt-4 lg:mb-2">
        <h1 className="text-2xl">Registrering</h1>
        {units.length > 1 ? (
          <UnitPicker
            units={units.map((u) => ({ id: u.id, name: u.name, municipalityName: u.municipality.name }))}
            chosenUnitId={chosenId}
          />
        ) : units.length === 1 ? (
          <p data-unit-id={units[0].id}>
            Du registrerer for <strong>{units[0].name}</strong>, {units[0].municipality.name}.
          </p>
        ) : null}
        <p className="text-slate-700 lg:ml-auto">
          I tvivl? Læs <Link href="/hjaelp">Sådan tæller du</Link>.
        </p>
      </div>
      {units.length === 0 ? (
        <EmptyState>Du er ikke tilknyttet nogen aktive enheder. Kontakt din tovholder.</EmptyState>
      ) : screen && chosen ? (
        <>
          {nudges.length ? (
            <Alert className="mb-4 lg:mb-2" title="Husk at registrere alle henvendelser">
              {nudges.map((n) => (
                <p key={n.channelCode} data-testid="coverage-nudge">
                  {n.message}
                </p>
              ))}
              <p>Tallet kommer fra et andet system (fx telefonsystemet). Registrér også, når der er travlt.</p>
            </Alert>
          ) : null}
          {/* Runs while the page loads: keys typed before the screen is interactive are kept and replayed. */}
          <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: KEY_BUFFER_SCRIPT }} />
          {/* Keyed by unit: switching unit starts the screen afresh (selection, Gentag, toast). */}
          <RegistrationScreen key={screen.unit.id} screen={screen} userId={user.id} buildId={buildId()} />
        </>
      ) : (
        <EmptyState>Enheden kan ikke vises. Vælg en anden enhed.</EmptyState>
      )}
    </>
  );
}
