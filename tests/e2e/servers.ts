// Where the end-to-end tests' servers listen (playwright.config.ts starts them; tests/e2e/sso.spec.ts
// puts its identity provider beside its worker's server).
//
// Each Playwright worker has a server and an embedded database of its own, so the specs of one worker
// never see another worker's registrations, sessions or settings: per worker, the specs run one
// after another against one server, as they did with a single worker. E2E_WORKERS sets how many
// (default 2: the browser, the server and the database each wait on the others often enough that
// two workers keep two cores busy; a third gave no clear gain in two fresh-clone runs of the same
// 132 tests, 769 s with three and 853 s with two on a machine that was 1.2× slower in every other
// step — docs/benchmarks.md, "Test suite").

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

/** Server i listens on E2E_PORT + 2i; the port after it is for the SSO spec's identity provider. */
export function serverPort(index: number): number {
  return E2E_PORT + 2 * index;
}

/**
 * The port of this worker's server. Playwright sets TEST_PARALLEL_INDEX (0 … workers − 1) in each
 * worker process before it loads the config; a worker that replaces a failed one gets the same index,
 * hence the same server. In the runner process it is unset (index 0).
 */
export function workerServerPort(): number {
  const index = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
  if (!(index >= 0 && index < E2E_WORKERS)) throw new Error(`TEST_PARALLEL_INDEX ${index}: only ${E2E_WORKERS} servers (E2E_WORKERS)`);
  return serverPort(index);
}
