import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Alert } from "@/components/ui/alert";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireSection } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { pickUnit, UNIT_CHOICE_COOKIE } from "@/lib/registrations/unit-choice";
import { listRegistrationUnits, unitSetup } from "@/lib/units/queries";
import { UnitPicker } from "./unit-picker";

export const metadata: Metadata = { title: "Registrering" };

export default async function RegistrationPage() {
  const user = await requireSection("registration");
  const units = await listRegistrationUnits(db(), user.access);
  const chosenId = pickUnit(
    units.map((u) => u.id),
    (await cookies()).get(UNIT_CHOICE_COOKIE)?.value,
  );
  const setup = chosenId ? await unitSetup(db(), user.access, chosenId) : null;

  return (
    <>
      <PageHeader title="Registrering">
        <p>Her registrerer du de henvendelser, du afslutter i tælleugerne.</p>
      </PageHeader>
      <Alert tone="info" title="Registreringsskærmen er under udvikling" className="mb-6">
        Når den er klar, registrerer du kanal, opgave, type og afslutning for hver henvendelse her. Indtil da kan du se,
        hvilke kanaler og opgaver din enhed tæller.
      </Alert>
      {units.length === 0 ? (
        <EmptyState>Du er ikke tilknyttet nogen aktive enheder. Kontakt din tovholder.</EmptyState>
      ) : (
        <>
          {units.length > 1 ? (
            <UnitPicker
              units={units.map((u) => ({ id: u.id, name: u.name, municipalityName: u.municipality.name }))}
              chosenUnitId={chosenId}
            />
          ) : (
            <p className="mb-6" data-unit-id={units[0].id}>
              Du registrerer for <strong>{units[0].name}</strong>, {units[0].municipality.name}.
            </p>
          )}
          {setup ? <UnitSetupSummary setup={setup} /> : null}
        </>
      )}
    </>
  );
}

type Setup = NonNullable<Awaited<ReturnType<typeof unitSetup>>>;

function UnitSetupSummary({ setup }: { setup: Setup }) {
  const inbound = setup.channels.filter((c) => c.direction === "IN");
  const outbound = setup.channels.filter((c) => c.direction === "OUT");
  return (
    <section aria-labelledby="setup-heading">
      <h2 id="setup-heading" className="mb-3 text-xl font-semibold">
        {setup.unit.name} tæller
        {setup.unit.testMode ? <Badge>Prøvetælling</Badge> : null}
      </h2>
      <div className="grid gap-6 md:grid-cols-3">
        <ChannelList title="Kanaler ind" channels={inbound} />
        <ChannelList title="Kanaler ud" channels={outbound} />
        <div>
          <h3 className="mb-2 font-semibold">Opgaver ({setup.tasks.length})</h3>
          <ul className="space-y-1">
            {setup.tasks.map((task) => (
              <li key={task.id}>
                <span className="font-mono text-sm">{task.number === "FEJL" ? "" : task.number}</span> {task.title}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function ChannelList({ title, channels }: { title: string; channels: Setup["channels"] }) {
  return (
    <div>
      <h3 className="mb-2 font-semibold">{title}</h3>
      {channels.length ? (
        <ul className="space-y-1">
          {channels.map((c) => (
            <li key={c.code}>{c.name}</li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">Ingen</p>
      )}
    </div>
  );
}
