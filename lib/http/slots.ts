import "server-only";

// A count of places for work that must not run too many times at once in this process (exports).
// The route wrapper takes a place before the handler and gives it back when the response body has
// been sent, cancelled or has failed (spec.slots, lib/actions/route.ts); none free: 503.

export class Slots {
  private inUse = 0;

  constructor(
    /** How many at once; read when a place is taken, so a test can change the setting. */
    private readonly size: () => number,
    /** The Danish message of the 503 when none is free. */
    readonly busyMessage: string,
  ) {}

  /** Takes a place; returns its release (safe to call more than once), or null when none is free. */
  take(): (() => void) | null {
    if (this.inUse >= this.size()) return null;
    this.inUse++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
    };
  }

  get used(): number {
    return this.inUse;
  }
}

/** The same response, with `release` called once its body has been read to the end, cancelled or has failed. */
export function releaseAfterBody(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
