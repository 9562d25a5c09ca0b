const stamp = new Intl.DateTimeFormat("da-DK", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Copenhagen",
});

/** Says that the screen on display is the copy kept on this computer, and how old its figures are. */
export function StoredCopyNote({ storedAt }: { storedAt: Date | null }) {
  if (!storedAt) return null;
  return (
    <p className="rounded-md border-l-4 border-slate-600 bg-slate-100 px-4 py-2" data-stored-copy="">
      <strong>Skærmen er hentet fra denne computer</strong> (gemt {stamp.format(storedAt)}), fordi Spor ikke kan nås. Dagens tal er fra da,
      plus registreringer, der venter på forbindelse.
    </p>
  );
}
