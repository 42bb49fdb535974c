/**
 * The first GET requests of a page, sent while the bundle is evaluated instead of when React
 * first renders the page: while Airflow's UI is still starting (the bundle is loaded with the
 * page, see ui_plugin/bundle_preload.py), or while React holds a page whose bundle Airflow
 * has just imported behind a Suspense boundary (its fallback throttle). The answers arrive
 * meanwhile, so the page draws its data as soon as it is shown.
 */

/** An early answer older than this is not used: the page asks again. */
export const EARLY_ANSWER_MAX_AGE_MS = 10_000;

interface EarlyRequest {
  sentAt: number;
  response: Promise<Response>;
}

const sent = new Map<string, EarlyRequest>();

/** Send a GET of `url` now, as {@link requestJson} would, for the page to take later. */
export function sendEarly(url: URL): void {
  const response = fetch(url, { method: "GET", credentials: "same-origin", headers: { Accept: "application/json" } });
  // A failed early request is sent again when the page asks; it is never reported from here.
  response.catch(() => undefined);
  sent.set(url.href, { sentAt: performance.now(), response });
}

/** The early answer to a GET of `url`, once: later calls (a reload, a retry) ask the server. */
export function takeEarlyAnswer(url: URL): Promise<Response> | undefined {
  const early = sent.get(url.href);
  if (!early) {
    return undefined;
  }
  sent.delete(url.href);
  if (performance.now() - early.sentAt <= EARLY_ANSWER_MAX_AGE_MS) {
    return early.response;
  }
  release(early.response);
  return undefined;
}

/** Let go of an answer nobody reads: its body need not be downloaded. */
function release(response: Promise<Response>): void {
  response.then(
    (answer) => void answer.body?.cancel(),
    () => undefined,
  );
}

/** Drop every early request not taken (between tests). */
export function forgetEarlyRequests(): void {
  for (const early of sent.values()) {
    release(early.response);
  }
  sent.clear();
}
