import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Input, Label, Textarea } from "@/components/ui/field";
import { Badge, EmptyState, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { inviteUserAction } from "@/lib/users/actions";
import { mailConfigured } from "@/lib/users/mail";
import { loadUsersPage, USER_STATUS_LABELS } from "@/lib/users/queries";
import { ROLE_LABELS } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { ActionForm } from "@/components/forms/action-form";
import { AdminHeader } from "@/components/forms/admin-header";
import { RouteForm } from "@/components/forms/route-form";
import { Hidden, Hint } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../_lib/municipality";
import { AccessFields } from "./access-fields";

export const metadata: Metadata = { title: "Brugere – Administration" };

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const { users, units } = await loadUsersPage(user.access, municipality.id);
  const smtp = mailConfigured();
  const people = users.filter((u) => u.kind === "PERSON");
  const logins = users.filter((u) => u.kind === "UNIT_LOGIN");

  return (
    <>
      <AdminHeader
        title="Brugere"
        tab="users"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration/brugere"
      >
        <p>
          Alle har deres egen bruger. En ny bruger får et aktiveringslink, der virker én gang, og vælger selv sin adgangskode.{" "}
          {smtp ? "Linket sendes på mail." : "Der er ikke sat mail op, så du får linket vist én gang og giver det selv videre."}
        </p>
      </AdminHeader>

      <Section title={`Brugere (${formatNumber(people.length)})`}>
        {people.length ? (
          <Table caption="Kommunens brugere" captionHidden>
            <thead>
              <tr>
                <Th>Navn</Th>
                <Th>E-mail</Th>
                <Th>Rolle og enheder</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {people.map((u) => (
                <tr key={u.id}>
                  <Th scope="row">
                    {u.manageable ? <Link href={`/administration/brugere/${u.id}${query}`}>{u.name}</Link> : u.name}
                    {!u.manageable ? <Badge>Også i anden kommune</Badge> : null}
                  </Th>
                  <Td>{u.email}</Td>
                  <Td>
                    <ul>
                      {u.roles.map((r, i) => (
                        <li key={i}>
                          {ROLE_LABELS[r.role]}
                          {r.unitName ? ` – ${r.unitName}` : ""}
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>
                    {USER_STATUS_LABELS[u.status]}
                    {u.status === "invited" && u.inviteExpiresAt ? (
                      <span className="block text-sm text-slate-700">Linket udløber {formatDateTime(u.inviteExpiresAt)}</span>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Kommunen har ingen brugere endnu.</EmptyState>
        )}
        {logins.length ? (
          <p className="text-slate-700">
            Fælles enhedslogins ({logins.length}) styres på enhedens side:{" "}
            {logins.map((l, i) => (
              <span key={l.id}>
                {i ? ", " : ""}
                {l.roles[0]?.unitId ? <Link href={`/administration/enheder/${l.roles[0].unitId}`}>{l.roles[0].unitName}</Link> : l.name}
                {l.status === "deactivated" ? " (slået fra)" : ""}
              </span>
            ))}
            .
          </p>
        ) : null}
      </Section>

      {readOnly ? null : (
        <>
          <Section title="Invitér en bruger">
            <ActionForm
              action={inviteUserAction}
              submitLabel="Invitér"
              pendingLabel="Inviterer …"
              label="Invitér en bruger"
              resetOnSuccess
              className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
            >
              <Hidden values={{ municipalityId: municipality.id }} />
              <div className="grid gap-4 sm:grid-cols-2">
                <div>
                  <Label htmlFor="invite-name">Navn</Label>
                  <Input id="invite-name" name="name" autoComplete="off" maxLength={200} className="mt-1" />
                </div>
                <div>
                  <Label htmlFor="invite-email">E-mail</Label>
                  <Input
                    id="invite-email"
                    name="email"
                    type="email"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={200}
                    className="mt-1"
                  />
                </div>
              </div>
              <AccessFields idPrefix="invite" units={units} />
            </ActionForm>
          </Section>

          <Section title="Opret mange brugere fra en CSV-fil">
            <Hint>
              Første linje er overskrifterne <code>Navn;E-mail;Rolle;Enhed</code>. Rolle er medarbejder, enhedsansvarlig eller tovholder.
              Enhed er enhedens navn (flere adskilles med |; findes navnet flere steder, skriv fx &quot;Borgerservice / Skranke&quot;).
              Tovholdere har ingen enhed. Er der fejl i én linje, oprettes ingen.
            </Hint>
            <RouteForm
              url={`/api/users/import?municipalityId=${municipality.id}`}
              submitLabel="Opret brugerne"
              pendingLabel="Opretter …"
              label="Opret brugere fra CSV"
              encType="multipart/form-data"
              className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
            >
              <div>
                <Label htmlFor="csv-file">CSV-fil</Label>
                <input id="csv-file" name="file" type="file" accept=".csv,text/csv,text/plain" className="mt-1 block min-h-11 w-full" />
              </div>
              <div>
                <Label htmlFor="csv-text">… eller indsæt listen her</Label>
                <Textarea
                  id="csv-text"
                  name="text"
                  rows={6}
                  spellCheck={false}
                  className="mt-1 font-mono"
                  placeholder={"Navn;E-mail;Rolle;Enhed\nMaja Jensen;maja@kommune.dk;medarbejder;Borgerservice – Skranke"}
                />
              </div>
            </RouteForm>
          </Section>
        </>
      )}
    </>
  );
}
