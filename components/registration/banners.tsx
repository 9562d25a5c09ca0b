import type { ScreenData } from "./model";

/**
 * Whether today counts, and whether the unit is practising. Outside the counting weeks a
 * registration is still saved (and marked), so the banner says that rather than warning people off.
 */
export function StatusBanners({ screen, online, waiting }: { screen: ScreenData; online: boolean; waiting: number }) {
  const { counting, unit } = screen;
  return (
    <div className="space-y-2 lg:space-y-1" data-banners="">
      {counting.inCountingPeriod ? (
        <p className="rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-2 lg:py-1" data-counting="in">
          <strong>Tælleuge {counting.isoWeek}</strong>
          {counting.name ? ` · ${counting.name}` : ""}. Registrér hver henvendelse, du afslutter.
        </p>
      ) : (
        <p className="rounded-md border-l-4 border-amber-700 bg-amber-50 px-4 py-2 lg:py-1" data-counting="out">
          <strong>Uge {counting.isoWeek} er uden for kommunens tælleuger.</strong> Registreringer gemmes, men markeres som uden for
          tælleugerne og kommer ikke med i rapporterne.
        </p>
      )}
      {unit.testMode ? (
        <p className="rounded-md border-l-4 border-violet-700 bg-violet-50 px-4 py-2 lg:py-1" data-test-mode="">
          <strong>Prøvetælling.</strong> {unit.name} øver sig: registreringerne markeres som test og tæller ikke med i rapporter.
        </p>
      ) : null}
      {!online || waiting > 0 ? (
        <p className="rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-2 lg:py-1" data-offline="">
          <strong>{online ? "Serveren svarer ikke lige nu." : "Ingen forbindelse."}</strong> Du kan registrere videre: registreringerne
          gemmes på denne computer og sendes automatisk.
        </p>
      ) : null}
    </div>
  );
}
