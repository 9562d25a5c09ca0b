// Posting a form with a file to one of Spor's upload routes (app/api/uploads, users/import, kle)
// from the browser: fetch, so the page stays and shows the answer. The server answers JSON in the
// form's own shape; this turns network failures and unexpected answers into a Danish message.

/** Spor's upload limit (lib/http/limited-body.ts BODY_LIMITS.upload less the envelope): checked before sending. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type PostAnswer<T> = { status: number; body: T & { error?: string } };

export async function postForm<T extends object>(url: string, data: FormData, maxFileBytes = MAX_FILE_BYTES): Promise<PostAnswer<T>> {
  for (const value of data.values()) {
    if (typeof value === "object" && value.size > maxFileBytes) {
      const mb = Math.floor(maxFileBytes / 1024 / 1024);
      return {
        status: 413,
        body: { error: `Filen er for stor (${Math.round(value.size / 1024 / 1024)} MB). Grænsen er ${mb} MB; del den op.` } as T & {
          error: string;
        },
      };
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return { status: 0, body: { error: "Forbindelsen til serveren blev afbrudt. Prøv igen." } as T & { error: string } };
  }
  try {
    return { status: response.status, body: (await response.json()) as T & { error?: string } };
  } catch {
    return {
      status: response.status,
      body: { error: `Serveren kunne ikke svare (fejl ${response.status}). Prøv igen.` } as T & { error: string },
    };
  }
}
