import type { Metadata } from "next";
import { PublicPage } from "@/components/shell/public-page";

export const metadata: Metadata = { title: "Om Spor" };

export default function AboutPage() {
  return (
    <PublicPage>
      <article className="space-y-4">
        <h1 className="text-2xl sm:text-3xl">Om Spor</h1>
        <p>
          Spor bruges af kommunerne til at registrere borgeres og virksomheders henvendelser i tælleugerne: hvilken kanal henvendelsen kom
          ad, hvilken opgave den handlede om, og hvordan den blev afsluttet. Spor afløser TraceTool.
        </p>
        <p>
          Tallene viser blandt andet, hvor stor en del af henvendelserne der sker via digital selvbetjening, og hvor mange henvendelser der
          afsluttes med det samme. Kommunerne bruger dem i deres kanalstrategi, og KL bruger dem til landstal og sammenligninger.
        </p>
        <p>Har du spørgsmål til registreringen i din kommune, så kontakt kommunens tovholder.</p>
      </article>
    </PublicPage>
  );
}
