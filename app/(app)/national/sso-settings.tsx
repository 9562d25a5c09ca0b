import { ActionForm } from "@/components/forms/action-form";
import { Hint } from "@/components/forms/fields";
import { Input, Label, Select, Textarea } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { removeSsoSettingsAction, saveSsoSettingsAction } from "@/lib/sso/settings-actions";

type Row = {
  municipalityNumber: number;
  municipalityName: string;
  issuer: string;
  clientId: string;
  emailClaim: string;
  enabled: boolean;
  passwordDisabled: boolean;
  redirectUri: string;
};

/** KL sets up a municipality's own login (OpenID Connect): the table of what is set, and the form. */
export function SsoSettings({ rows, municipalities }: { rows: Row[]; municipalities: { number: number; name: string }[] }) {
  return (
    <div className="space-y-4">
      {rows.length ? (
        <Table caption="Kommuner med eget login" captionHidden>
          <thead>
            <tr>
              <Th>Kommune</Th>
              <Th>Udsteder og klient-id</Th>
              <Th>E-mail i claim</Th>
              <Th>Adgangskode</Th>
              <Th>Redirect-URI</Th>
              <Th>
                <span className="sr-only">Handling</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.municipalityNumber}>
                <Th scope="row">
                  {row.municipalityName}
                  {row.enabled ? null : <span className="block text-sm font-normal">(slået fra)</span>}
                </Th>
                <Td className="break-all">
                  {row.issuer}
                  <span className="block text-sm">Klient-id: {row.clientId}</span>
                </Td>
                <Td>{row.emailClaim}</Td>
                <Td>{row.passwordDisabled ? "Slået fra" : "Tilladt"}</Td>
                <Td className="break-all">{row.redirectUri}</Td>
                <Td>
                  <ActionForm
                    action={removeSsoSettingsAction}
                    submitLabel="Fjern"
                    pendingLabel="Fjerner …"
                    variant="secondary"
                    label={`Fjern login for ${row.municipalityName}`}
                  >
                    <input type="hidden" name="municipality" value={row.municipalityNumber} />
                  </ActionForm>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>Ingen kommuner har eget login endnu. Alle logger ind med e-mail og adgangskode.</EmptyState>
      )}

      <ActionForm
        action={saveSsoSettingsAction}
        submitLabel="Gem login"
        label="Kommunens eget login"
        className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
      >
        <h3 className="text-lg font-semibold">Sæt en kommunes login op eller ret det</h3>
        <Hint>
          Kommunens IT registrerer Spor hos kommunens identitetsudbyder (fx Entra ID eller AD FS) med redirect-URI&apos;en i tabellen og
          giver jer udsteder, klient-id og klienthemmelighed. Hemmeligheden gemmes krypteret og vises aldrig igen.
        </Hint>
        <div>
          <Label htmlFor="sso-municipality">Kommune</Label>
          <Select id="sso-municipality" name="municipality" defaultValue="" required className="mt-1">
            <option value="" disabled>
              Vælg kommune
            </option>
            {municipalities.map((m) => (
              <option key={m.number} value={m.number}>
                {m.name} ({m.number})
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="sso-issuer">Udsteder (issuer)</Label>
          <Input
            id="sso-issuer"
            name="issuer"
            type="url"
            required
            maxLength={500}
            autoComplete="off"
            placeholder="https://login.microsoftonline.com/…/v2.0"
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="sso-client-id">Klient-id</Label>
          <Input id="sso-client-id" name="clientId" required maxLength={200} autoComplete="off" className="mt-1" />
        </div>
        <div>
          <Label htmlFor="sso-client-secret">Klienthemmelighed</Label>
          <Input
            id="sso-client-secret"
            name="clientSecret"
            type="password"
            maxLength={500}
            autoComplete="new-password"
            aria-describedby="sso-client-secret-hint"
            className="mt-1"
          />
          <p id="sso-client-secret-hint" className="text-sm text-slate-700">
            Skal udfyldes første gang. Lad feltet stå tomt for at beholde den gemte.
          </p>
        </div>
        <div>
          <Label htmlFor="sso-email-claim">Claim med e-mail</Label>
          <Input
            id="sso-email-claim"
            name="emailClaim"
            defaultValue="email"
            maxLength={100}
            autoComplete="off"
            aria-describedby="sso-email-claim-hint"
            className="mt-1"
          />
          <p id="sso-email-claim-hint" className="text-sm text-slate-700">
            Normalt email. Hos Entra ID evt. upn eller preferred_username.
          </p>
        </div>
        <div>
          <Label htmlFor="sso-groups-claim">Claim med grupper (valgfrit)</Label>
          <Input
            id="sso-groups-claim"
            name="groupsClaim"
            maxLength={100}
            autoComplete="off"
            aria-describedby="sso-groups-hint"
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="sso-group-roles">Grupper → roller (valgfrit)</Label>
          <Textarea
            id="sso-group-roles"
            name="groupRoles"
            rows={4}
            maxLength={20000}
            aria-describedby="sso-groups-hint"
            placeholder={"Spor-Tovholdere = tovholder\nSpor-Borgerservice = medarbejder : <enhedens id>"}
            className="mt-1 font-mono text-sm"
          />
          <p id="sso-groups-hint" className="text-sm text-slate-700">
            Udfyldt opretter Spor en ukendt person ved første login, hvis vedkommendes token har en af grupperne (fx claimet groups): én
            gruppe pr. linje, «gruppe = tovholder» eller «gruppe = medarbejder/enhedsansvarlig : enhedens id». Uden en af grupperne oprettes
            ingen. Tomt: kun personer, kommunen selv har oprettet, kan logge ind.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <input id="sso-enabled" name="enabled" type="checkbox" defaultChecked className="h-5 w-5" />
          <Label htmlFor="sso-enabled">Slået til</Label>
        </div>
        <div className="flex items-center gap-2">
          <input id="sso-password-disabled" name="passwordDisabled" type="checkbox" className="h-5 w-5" />
          <Label htmlFor="sso-password-disabled">Kommunens brugere kan kun logge ind via kommunens login (adgangskode slået fra)</Label>
        </div>
      </ActionForm>
    </div>
  );
}
