import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader, Section } from "@/components/ui/page-header";
import { deactivateUserAction, issueUserLinkAction, reactivateUserAction, updateUserAccessAction } from "@/lib/users/actions";
import { loadUsersPage, USER_STATUS_LABELS } from "@/lib/users/queries";
import { ROLE_LABELS } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Hidden, Hint } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../../_lib/municipality";
import { AccessFields } from "../access-fields";

export const metadata: Metadata = { title: "Bruger – Administration" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { id } = await params;
  const { municipality, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const { users, units } = await loadUsersPage(user.access, municipality.id);
  // Only people of this municipality, found through its memberships: any other id is "not found".
  const person = users.find((u) => u.id === id && u.kind === "PERSON");
  if (!person) notFound();
  const ids = { municipalityId: municipality.id, userId: person.id };
  const editable = !readOnly && person.manageable && person.id !== user.id;
  const role = person.roles[0]?.role ?? "REGISTRANT";

  return (
    <>
      <p className="mb-2">
        <Link href={`/administration/brugere${query}`}>← Alle brugere i {municipality.name}</Link>
      </p>
      <PageHeader title={person.name}>
        <p>
          {person.email} · {USER_STATUS_LABELS[person.status]}
        </p>
      </PageHeader>
      {person.id === user.id ? <Hint>Det er dig. Dine egne roller ændres af en anden tovholder.</Hint> : null}

      <Section title="Rolle og enheder">
        {editable ? (
          <ActionForm
            action={updateUserAccessAction}
            submitLabel="Gem rolle og enheder"
            label="Rolle og enheder"
            className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={ids} />
            <AccessFields
              idPrefix="access"
              units={units}
              role={role === "NATIONAL" ? "REGISTRANT" : role}
              unitIds={person.roles.flatMap((r) => (r.unitId ? [r.unitId] : []))}
            />
          </ActionForm>
        ) : (
          <ul className="list-disc pl-5">
            {person.roles.map((r, i) => (
              <li key={i}>
                {ROLE_LABELS[r.role]}
                {r.unitName ? ` – ${r.unitName}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {editable ? (
        <Section title="Adgang">
          <div className="flex flex-wrap items-start gap-6">
            {person.status !== "deactivated" ? (
              <>
                <ActionForm
                  action={issueUserLinkAction}
                  submitLabel={person.status === "active" ? "Lav link til ny adgangskode" : "Lav nyt aktiveringslink"}
                  variant="secondary"
                  label="Nyt link"
                >
                  <Hidden values={ids} />
                </ActionForm>
                <ConfirmAction
                  action={deactivateUserAction}
                  fields={ids}
                  triggerLabel="Deaktivér brugeren"
                  title={`Deaktivér ${person.name}?`}
                  confirmLabel="Deaktivér"
                >
                  <p>{person.name} bliver logget ud med det samme på alle enheder og kan ikke logge ind igen, før brugeren genaktiveres.</p>
                  <p>Brugerens registreringer bevares.</p>
                </ConfirmAction>
              </>
            ) : (
              <ActionForm action={reactivateUserAction} submitLabel="Genaktivér brugeren" variant="secondary" label="Genaktivér">
                <Hidden values={ids} />
              </ActionForm>
            )}
          </div>
        </Section>
      ) : null}
    </>
  );
}
