import type { Metadata } from "next";
import { PublicPage } from "@/components/shell/public-page";

export const metadata: Metadata = { title: "Tilgængelighedserklæring" };

/** Public and static: readable without signing in, and never touches the database. */
export default function AccessibilityStatementPage() {
  return (
    <PublicPage>
      <article className="space-y-4">
        <h1 className="text-2xl sm:text-3xl">Tilgængelighedserklæring for Spor</h1>
        <p>
          Offentlige myndigheder skal efter lov om tilgængelighed af offentlige organers websteder og mobilapplikationer offentliggøre en
          tilgængelighedserklæring. Erklæringen udarbejdes og offentliggøres af den kommune eller organisation, der driver denne
          installation af Spor, typisk via Digitaliseringsstyrelsens løsning på <a href="https://www.was.digst.dk/">was.digst.dk</a>.
        </p>
        <h2 className="text-xl">Til den driftsansvarlige</h2>
        <p>
          Denne side skal udfyldes af den driftsansvarlige kommune. Erstat teksten med et link til jeres egen erklæring, eller indsæt
          erklæringen her med oplysninger om:
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>hvem der er ansvarlig for løsningen,</li>
          <li>i hvilket omfang løsningen overholder standarden (WCAG 2.1 niveau AA),</li>
          <li>kendte mangler og eventuelle alternativer,</li>
          <li>hvordan brugere kan give feedback og få hjælp, og</li>
          <li>hvordan man kan klage til Digitaliseringsstyrelsen.</li>
        </ul>
        <h2 className="text-xl">Om løsningen</h2>
        <p>
          Spor er udviklet med henblik på at overholde WCAG 2.1 niveau AA: alle funktioner kan bruges med tastatur, siden kan forstørres til
          200 % uden vandret rulning, og formularer og tabeller er opmærket til skærmlæsere.
        </p>
      </article>
    </PublicPage>
  );
}
