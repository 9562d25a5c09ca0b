import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav, type AdminTab } from "@/components/forms/admin-nav";

interface Municipality {
  id: string;
  number: number;
  name: string;
}

/** Page title, municipality picker (national staff, coordinators of several), tabs and the read-only notice. */
export function AdminHeader({
  title,
  tab,
  municipality,
  municipalities,
  readOnly,
  query,
  path,
  children,
}: {
  title: string;
  tab: AdminTab;
  municipality: Municipality;
  municipalities: Municipality[];
  readOnly: boolean;
  query: string;
  path: string;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={`${title} – ${municipality.name}`}>{children}</PageHeader>
      {municipalities.length > 1 ? (
        <form method="get" action={path} className="mb-6 flex max-w-xl flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <Label htmlFor="kommune">Kommune</Label>
            <Select id="kommune" name="kommune" defaultValue={String(municipality.number)} className="mt-1">
              {municipalities.map((m) => (
                <option key={m.id} value={m.number}>
                  {m.number} {m.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Vis kommune
          </Button>
        </form>
      ) : null}
      <AdminNav current={tab} query={query} />
      {readOnly ? (
        <Alert tone="info" className="mb-6">
          Du ser kommunens opsætning som læser. Kun kommunens tovholder kan ændre den.
        </Alert>
      ) : null}
    </>
  );
}
