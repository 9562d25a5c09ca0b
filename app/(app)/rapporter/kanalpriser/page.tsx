import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { requirePageAccess } from "@/lib/auth/guards";
import { loadChannelPricesPage } from "@/lib/reports/queries";
import { formatCell } from "@/lib/reports/format";
import { savePriceAction } from "./actions";

export const metadata: Metadata = { title: "Kanalpriser – Rapporter" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ChannelPricesPage({ searchParams }: Props) {
  const user = await requirePageAccess((a) => isNational(a) || coordinatorMunicipalityIds(a).length > 0);
  const query = await searchParams;
  const national = isNational(user.access);
  // A coordinator edits their own municipality; national staff edit the defaults (no municipality).
  const page = await loadChannelPricesPage(user.access, query.kommune);
  if (!page) notFound();
  const { municipality, prices } = page;
  const editsNational = national && !municipality;
  return (
    <>
      <p className="mb-2">
        <Link href="/rapporter">Alle rapporter</Link>
      </p>
      <PageHeader title="Kanalpriser">
        <p>
          Pris pr. henvendelse i kroner, som omkostningsrapporten ganger med. KL sætter de landsdækkende standardpriser; en kommune kan
          sætte sine egne. Tom egen pris betyder, at standardprisen gælder. En ændret pris gælder fra i dag: runder, der allerede er talt,
          regnes stadig med de priser, der gjaldt dengang.
        </p>
      </PageHeader>
      {query.gemt ? <Alert tone="success">Prisen for {query.gemt} er gemt.</Alert> : null}
      {query.fejl ? <Alert tone="error">{query.fejl}</Alert> : null}
      <Table caption={municipality ? `Kanalpriser for ${municipality.name}` : "Landsdækkende standardpriser"}>
        <thead>
          <tr>
            <Th>Kanal</Th>
            <Th numeric>Standardpris (kr.)</Th>
            {municipality ? <Th numeric>Egen pris (kr.)</Th> : null}
            <Th numeric>Pris i brug (kr.)</Th>
            <Th>Ret</Th>
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={p.code}>
              <Th scope="row">{`${p.name}, ${p.direction === "IN" ? "indgående" : "udgående"} (${p.code})`}</Th>
              <Td numeric>{formatCell("kr", p.national)}</Td>
              {municipality ? <Td numeric>{formatCell("kr", p.local)}</Td> : null}
              <Td numeric>{formatCell("kr", p.inForce)}</Td>
              <Td>
                <form action={savePriceAction} className="flex items-center gap-2">
                  <input type="hidden" name="channelCode" value={p.code} />
                  {municipality ? <input type="hidden" name="municipalityNumber" value={municipality.number} /> : null}
                  <label
                    className="sr-only"
                    htmlFor={`price-${p.code}`}
                  >{`Ny ${editsNational ? "standardpris" : "egen pris"} for ${p.name} (${p.code})`}</label>
                  <input
                    id={`price-${p.code}`}
                    name="price"
                    inputMode="decimal"
                    className="w-24 rounded border border-slate-500 px-2 py-1"
                    defaultValue={editsNational ? formatCell("kr", p.national) : p.local === null ? "" : formatCell("kr", p.local)}
                  />
                  <Button type="submit" variant="secondary">
                    Gem
                  </Button>
                </form>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
