/** The first focusable element on a page: jumps past the header to <main id="indhold">. */
export function SkipLink() {
  return (
    <a
      href="#indhold"
      className="sr-only z-50 rounded-md bg-white px-4 py-3 font-semibold focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
    >
      Gå til indhold
    </a>
  );
}
