import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { Section } from "@/components/ui/page-header";
import { setLandkortPublicationAction } from "@/lib/landkort/actions";

/** Whether the municipality's own figures are on the public Det Digitale Landkort (off by default). */
export function LandkortPublication({
  municipalityId,
  published,
  canChange,
}: {
  municipalityId: string;
  published: boolean;
  canChange: boolean;
}) {
  return (
    <Section title="Det Digitale Landkort">
      <p>
        {published
          ? "Kommunens egne tal (deltagelse, henvendelser, selvbetjeningsgrad og andel digitale kanaler) vises offentligt på "
          : "Kommunens egne tal vises ikke offentligt. Landstallene på "}
        <Link href="/landkort">Det Digitale Landkort</Link>
        {published ? " og i dets åbne data." : " tæller kommunen med i uanset hvad; på kortet står kommunen som «ikke offentliggjort»."}
      </p>
      {canChange ? (
        <ActionForm
          action={setLandkortPublicationAction}
          submitLabel={published ? "Stop offentliggørelse" : "Offentliggør kommunens tal"}
          variant={published ? "secondary" : "primary"}
          label="Offentliggørelse på Det Digitale Landkort"
        >
          <input type="hidden" name="municipalityId" value={municipalityId} />
          <input type="hidden" name="publish" value={published ? "0" : "1"} />
        </ActionForm>
      ) : null}
    </Section>
  );
}
