import { formatDanishDate, localParts } from "@/lib/counting/iso-week";

// An earlier import of the same rows (content-hash.ts), as the preview names it. Pure: the upload
// form renders it in the browser.

export interface EarlierImport {
  batchId: string;
  fileName: string | null;
  createdAt: string;
  rows: number;
}

/** 'Rækkerne i filen er indlæst før: «x.csv» den 12.10.2026 kl. 10.15 (300 rækker). …' */
export function earlierImportText(earlier: EarlierImport): string {
  const at = new Date(earlier.createdAt);
  const { hour, minute } = localParts(at);
  const name = earlier.fileName ? `«${earlier.fileName}» ` : "";
  return (
    `Rækkerne i filen er indlæst før: ${name}den ${formatDanishDate(at)} kl. ${String(hour).padStart(2, "0")}.${String(minute).padStart(2, "0")} ` +
    `(${earlier.rows.toLocaleString("da-DK")} rækker). Indlæses de igen, tæller hver henvendelse dobbelt.`
  );
}
