import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatNumber } from "@/lib/format";
import { Input, Label, Textarea } from "@/components/ui/field";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { addPackageTasksAction, deletePackageAction, updatePackageAction } from "@/lib/tasks/package-actions";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Check, Hidden, Hint } from "@/components/forms/fields";
import { loadPackage } from "@/lib/tasks/queries";
import { ItemButtons } from "./item-buttons";

export const metadata: Metadata = { title: "Opgavepakke" };

export default async function PackagePage({ params }: { params: Promise<{ id: string }> }) {
  const { access } = await requireSection("national");
  const pkg = await loadPackage(access, (await params).id);
  if (!pkg) notFound();
  const active = pkg.items.filter((i) => !i.removed);
  const editable = !pkg.frozenBy;

  return (
    <>
      <BackLink href="/national/opgavepakker">Tilbage til opgavepakkerne</BackLink>
      <PageHeader title={pkg.name}>
        <p>
          {formatNumber(active.length)} opgaver, heraf {formatNumber(active.filter((i) => i.obligatory).length)} obligatoriske.{" "}
          {pkg.rounds.length ? `Bruges af ${pkg.rounds.map((r) => r.name).join(", ")}.` : "Ingen runde bruger pakken endnu."}
        </p>
        {pkg.description ? <p>{pkg.description}</p> : null}
      </PageHeader>
      {pkg.frozenBy ? (
        <p className="mb-6 rounded-md border border-amber-700 bg-amber-50 p-3">
          Pakken bruges af {pkg.frozenBy}, som er begyndt, så dens opgaver ligger fast. Lav en ny pakke som kopi af den på{" "}
          <Link href="/national/opgavepakker" className="underline">
            opgavepakkesiden
          </Link>{" "}
          for at ændre opgaverne.
        </p>
      ) : null}

      <Section title="Navn og beskrivelse">
        <ActionForm
          action={updatePackageAction}
          submitLabel="Gem"
          label="Navn og beskrivelse"
          className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={{ packageId: pkg.id }} />
          <div>
            <Label htmlFor="pkg-name">Navn</Label>
            <Input id="pkg-name" name="name" defaultValue={pkg.name} required maxLength={100} autoComplete="off" className="mt-1" />
          </div>
          <div>
            <Label htmlFor="pkg-description">Beskrivelse (valgfri)</Label>
            <Input
              id="pkg-description"
              name="description"
              defaultValue={pkg.description ?? ""}
              maxLength={500}
              autoComplete="off"
              className="mt-1"
            />
          </div>
        </ActionForm>
      </Section>

      {editable ? (
        <Section title="Tilføj opgaver">
          <ActionForm
            action={addPackageTasksAction}
            submitLabel="Tilføj opgaverne"
            pendingLabel="Tilføjer …"
            label="Tilføj opgaver"
            resetOnSuccess
            className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={{ packageId: pkg.id }} />
            <div>
              <Label htmlFor="pkg-numbers">KLE-numre</Label>
              <Textarea
                id="pkg-numbers"
                name="numbers"
                rows={3}
                required
                aria-describedby="pkg-numbers-hint"
                spellCheck={false}
                className="mt-1 font-mono"
              />
              <div id="pkg-numbers-hint" className="mt-1">
                <Hint>
                  Et eller flere numre adskilt af mellemrum, komma eller linjeskift, fx 23.05.10 23.09.02. Numrene skal findes i KLE.
                </Hint>
              </div>
            </div>
            <Check
              name="obligatory"
              label="Obligatoriske"
              hint="Kommunerne kan lægge pakkens obligatoriske opgaver i en enhed med ét klik."
            />
            <div>
              <Label htmlFor="pkg-need">Behovsgruppe (valgfri)</Label>
              <Input id="pkg-need" name="needGroup" maxLength={60} autoComplete="off" className="mt-1" />
            </div>
          </ActionForm>
        </Section>
      ) : null}

      <Section title="Opgaver">
        <Table caption={`Opgaverne i ${pkg.name}`} captionHidden>
          <thead>
            <tr>
              <Th>Nummer</Th>
              <Th>Titel i pakken</Th>
              <Th>Obligatorisk</Th>
              <Th>Behovsgruppe</Th>
              <Th>Status</Th>
              {editable ? <Th>Ændr</Th> : null}
            </tr>
          </thead>
          <tbody>
            {pkg.items.map((item) => (
              <tr key={item.task.id} data-task-number={item.task.number}>
                <Th scope="row" className="whitespace-nowrap font-mono">
                  {item.task.number}
                </Th>
                <Td>{item.title}</Td>
                <Td>{item.obligatory ? "Ja" : "Nej"}</Td>
                <Td>{item.needGroup ?? "–"}</Td>
                <Td>{item.removed ? "Udgået" : "Med"}</Td>
                {editable ? (
                  <Td>
                    <ItemButtons
                      packageId={pkg.id}
                      taskId={item.task.id}
                      label={`${item.task.number} ${item.title}`}
                      obligatory={item.obligatory}
                      removed={item.removed}
                    />
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>

      <Section title="Slet pakken">
        {pkg.rounds.length ? (
          <Hint>Pakken kan ikke slettes, fordi en tællerunde bruger den.</Hint>
        ) : (
          <ConfirmAction
            action={deletePackageAction}
            fields={{ packageId: pkg.id }}
            triggerLabel="Slet pakken"
            title={`Slet ${pkg.name}?`}
            confirmLabel="Slet pakken"
          >
            <p>Ingen tællerunde bruger pakken. Den og dens opgaveliste slettes; opgaverne i KLE og i kommunernes enheder bliver.</p>
          </ConfirmAction>
        )}
      </Section>
    </>
  );
}
