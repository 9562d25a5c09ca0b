import type { Metadata } from "next";
import { formatDate, formatNumber, formatWeekRange } from "@/lib/format";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import Link from "next/link";
import { createRoundAction } from "@/lib/counting/round-actions";
import { ActionForm } from "@/components/forms/action-form";
import { KleForm } from "./kle-form";
import { loadCountingRounds, suggestedNextRound } from "@/lib/counting/round-queries";
import { loadMunicipalityOverview } from "@/lib/municipalities/queries";
import { loadKleStatus, loadTaskPackages } from "@/lib/tasks/queries";
import { OnboardForm } from "./onboard-form";
import { RoundFields } from "./round-fields";
import { SamlSettings } from "./saml-settings";
import { SsoSettings } from "./sso-settings";
import { loadSamlOverview, loadSsoOverview } from "@/lib/sso/queries";

export const metadata: Metadata = { title: "National" };

export default async function NationalPage() {
  const { access } = await requireSection("national");
  const [municipalities, rounds, packages, kle, sso, saml] = await Promise.all([
    loadMunicipalityOverview(access),
    loadCountingRounds(access),
    loadTaskPackages(access),
    loadKleStatus(access),
    loadSsoOverview(access),
    loadSamlOverview(access),
  ]);
  const participating = municipalities.filter((m) => m.registrations > 0).length;

  return (
    <>
      <PageHeader title="National">
        <p>
          Overblik over alle kommuner og de nationale tællerunder. {formatNumber(participating)} af {formatNumber(municipalities.length)}{" "}
          kommuner i Spor har registreringer (prøvetællinger ikke medregnet).
        </p>
      </PageHeader>

      <p className="mb-6">
        <Link href="/national/opgavepakker" className="underline">
          Opgavepakker
        </Link>{" "}
        – KL&apos;s pakker af opgaver, som runderne peger på. ·{" "}
        <Link href="/national/selvbetjening" className="underline">
          Leverandørdata
        </Link>{" "}
        – leverandørernes tal for selvbetjening i mange kommuner. ·{" "}
        <Link href="/national/log" className="underline">
          KL&apos;s log
        </Link>{" "}
        – hvem ændrede hvad.
      </p>

      <Section title="Tællerunder">
        {rounds.length ? (
          <Table caption="Nationale tællerunder, nyeste først" captionHidden>
            <thead>
              <tr>
                <Th>Runde</Th>
                <Th>Uger</Th>
                <Th>Første dag</Th>
                <Th>Opgavepakke</Th>
                <Th numeric>Valgte kommuneuger</Th>
                <Th>
                  <span className="sr-only">Handling</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id}>
                  <Th scope="row">{round.name}</Th>
                  <Td className="whitespace-nowrap">
                    {formatWeekRange(round.isoYear, round.firstWeek, round.weekCount)} {round.isoYear}
                  </Td>
                  <Td>{formatDate(round.startsOn)}</Td>
                  <Td>{round.package?.name ?? "Ingen opgavepakke"}</Td>
                  <Td numeric>{formatNumber(round._count.countingWeeks)}</Td>
                  <Td>
                    <Link href={`/national/runder/${round.id}`} className="underline" aria-label={`Ret ${round.name}`}>
                      Ret
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ingen nationale tællerunder endnu.</EmptyState>
        )}
        <ActionForm
          action={createRoundAction}
          submitLabel="Opret tællerunde"
          pendingLabel="Opretter …"
          label="Ny tællerunde"
          resetOnSuccess
          className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
        >
          <h3 className="text-lg font-semibold">Ny tællerunde</h3>
          <RoundFields idPrefix="new-round" values={suggestedNextRound()} packages={packages} />
        </ActionForm>
      </Section>

      <Section title="Kommuner">
        {municipalities.length ? (
          <Table caption="Kommuner med enheder, brugere og registreringer" captionHidden>
            <thead>
              <tr>
                <Th numeric>Nr.</Th>
                <Th>Kommune</Th>
                <Th numeric>Enheder</Th>
                <Th numeric>Brugere</Th>
                <Th numeric>Registreringer</Th>
                <Th numeric>Henvendelser</Th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id}>
                  <Td numeric>{m.number}</Td>
                  <Th scope="row">{m.name}</Th>
                  <Td numeric>{formatNumber(m.units)}</Td>
                  <Td numeric>{formatNumber(m.users)}</Td>
                  <Td numeric>{formatNumber(m.registrations)}</Td>
                  <Td numeric>{formatNumber(m.quantity)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ingen kommuner endnu.</EmptyState>
        )}
        <OnboardForm existing={municipalities.map((m) => m.number)} />
      </Section>

      <Section title="Kommunernes eget login (single sign-on)">
        <SsoSettings rows={sso} municipalities={municipalities.map((m) => ({ number: m.number, name: m.name }))} />
      </Section>

      <Section title="Login via KOMBIT (fælleskommunalt login)">
        <SamlSettings overview={saml} />
      </Section>

      <Section title="KLE">
        <KleForm status={kle} />
      </Section>
    </>
  );
}
