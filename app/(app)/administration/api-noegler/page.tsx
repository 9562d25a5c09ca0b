import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Input, Label } from "@/components/ui/field";
import { EmptyState, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/ingestion/token-actions";
import { requireSection } from "@/lib/auth/guards";
import { API_RATE_LIMIT } from "@/lib/ingestion/rate-limit";
import { MAX_API_REGISTRATIONS } from "@/lib/ingestion/schema";
import { loadApiTokensPage } from "@/lib/ingestion/queries";
import { ActionForm } from "@/components/forms/action-form";
import { AdminHeader } from "@/components/forms/admin-header";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Check, Fieldset, Hidden, Hint } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../_lib/municipality";

export const metadata: Metadata = { title: "API-nøgler – Administration" };

export default async function ApiTokensPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const { tokens, units } = await loadApiTokensPage(user.access, municipality.id);
  const active = tokens.filter((t) => !t.revokedAt);

  return (
    <>
      <AdminHeader
        title="API-nøgler"
        tab="api"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration/api-noegler"
      >
        <p>
          Andre systemer (selvbetjening, køsystemer, webstatistik) kan sende optællinger direkte til Spor med en API-nøgle. En nøgle skriver
          kun til kommunens egne enheder – eventuelt kun til udvalgte enheder og deres underenheder. Hver forsendelse bliver en indlæsning,
          der kan fortrydes under <Link href="/data">Data</Link>. Højst {formatNumber(MAX_API_REGISTRATIONS)} registreringer pr. forsendelse
          og {API_RATE_LIMIT.requests} forsendelser i minuttet pr. nøgle. Systemet sender til <code>POST /api/v1/registrations</code>;
          API&apos;et er beskrevet i <a href="/api/v1/openapi.json">OpenAPI-filen</a>.
        </p>
      </AdminHeader>

      <Section title={`Aktive nøgler (${formatNumber(active.length)})`}>
        {tokens.length ? (
          <Table caption="Kommunens API-nøgler" captionHidden>
            <thead>
              <tr>
                <Th>Navn</Th>
                <Th>Nøglen begynder med</Th>
                <Th>Enheder</Th>
                <Th>Oprettet</Th>
                <Th>Sidst brugt</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} data-token={t.name}>
                  <Th scope="row">{t.name}</Th>
                  <Td>
                    <code>{t.prefix}…</code>
                  </Td>
                  <Td>{t.units.length ? t.units.map((u) => u.unit.name).join(", ") : "Alle enheder"}</Td>
                  <Td>
                    {formatDateTime(t.createdAt)}
                    {t.createdBy ? <span className="block text-sm text-slate-700">af {t.createdBy.name}</span> : null}
                  </Td>
                  <Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Aldrig"}</Td>
                  <Td>
                    {t.revokedAt ? (
                      `Tilbagekaldt ${formatDateTime(t.revokedAt)}`
                    ) : readOnly ? (
                      "Aktiv"
                    ) : (
                      <ConfirmAction
                        action={revokeApiTokenAction}
                        fields={{ municipalityId: municipality.id, tokenId: t.id }}
                        triggerLabel={`Tilbagekald ${t.name}`}
                        title={`Tilbagekald API-nøglen ${t.name}?`}
                        confirmLabel="Tilbagekald nøglen"
                      >
                        <p>Systemer, der bruger nøglen, bliver afvist med det samme. Det, nøglen allerede har sendt, bevares.</p>
                      </ConfirmAction>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Kommunen har ingen API-nøgler.</EmptyState>
        )}
      </Section>

      {readOnly ? null : (
        <Section title="Ny API-nøgle">
          <ActionForm
            action={createApiTokenAction}
            submitLabel="Opret nøgle"
            pendingLabel="Opretter …"
            label="Ny API-nøgle"
            resetOnSuccess
            className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={{ municipalityId: municipality.id }} />
            <div>
              <Label htmlFor="token-name">Navn</Label>
              <Input id="token-name" name="name" autoComplete="off" maxLength={100} aria-describedby="token-name-hint" className="mt-1" />
              <p id="token-name-hint" className="mt-1 text-sm text-slate-700">
                Hvilket system bruger nøglen, fx &quot;Køsystem Borgerservice&quot;.
              </p>
            </div>
            <Fieldset legend="Begræns til enheder (valgfrit)" className="space-y-0 rounded-md border border-slate-300 p-4">
              <Hint>Vælger du ingen, kan nøglen skrive til alle kommunens enheder. En valgt enhed omfatter dens underenheder.</Hint>
              {units.map((u) => (
                <Check key={u.id} name="unitId" value={u.id} label={u.path} />
              ))}
            </Fieldset>
          </ActionForm>
        </Section>
      )}
    </>
  );
}
