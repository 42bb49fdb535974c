/**
 * The first GET requests of a page, sent while the bundle is evaluated instead of when React
 * first renders the page: while Airflow's UI is still starting (the bundle is loaded with the
 * page, see ui_plugin/bundle_preload.py), or while React holds a page whose bundle Airflow
 * has just imported behind a Suspense boundary (its fallback throttle). The answers arrive
 * meanwhile, so the page draws its data as soon as it is shown.
 */

/** An early answer older than this is not used: the page asks again. */
export const EARLY_ANSWER_MAX_AGE_MS = 10_000;

/** The server's answer to an early request; a 200's JSON body is read as soon as it arrives. */
export interface EarlyAnswer {
  response: Response;
  /** The body of a 200 answer (the response's body is then used up); absent for other answers. */
  json?: { body: unknown };
}

interface EarlyRequest {
  sentAt: number;
  answer: Promise<EarlyAnswer>;
  /** The answer, once it has arrived. */
  arrived?: EarlyAnswer;
}

const sent = new Map<string, EarlyRequest>();

/** Send a GET of `url` now, as {@link requestJson} would, for the page to take later. */
export function sendEarly(url: URL): void {
  const early: EarlyRequest = {
    sentAt: performance.now(),
    answer: fetch(url, { method: "GET", credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      async (response): Promise<EarlyAnswer> =>
        response.status === 200 ? { response, json: { body: await response.json() } } : { response },
    ),
  };
  // A failed early request is sent again when the page asks; it is never reported from here.
  early.answer.then(
    (arrived) => (early.arrived = arrived),
    () => undefined,
  );
  sent.set(url.href, early);
}

/** The early answer to a GET of `url`, once: later calls (a reload, a retry) ask the server. */
export function takeEarlyAnswer(url: URL): Promise<EarlyAnswer> | undefined {
  return takeRequest(url)?.answer;
}

/**
 * The JSON bodies of the early GETs of `urls` when every one has already arrived as a 200;
 * otherwise undefined. A page that finds them renders its data in its first render instead
 * of showing that it is loading. With `take`, they are taken (when all have arrived): a later
 * GET asks the server.
 */
export function arrivedBodies(urls: URL[], { take = false }: { take?: boolean } = {}): unknown[] | undefined {
  const arrived: EarlyRequest[] = [];
  for (const url of urls) {
    const early = sent.get(url.href);
    if (!early?.arrived?.json || !fresh(early)) {
      return undefined;
    }
    arrived.push(early);
  }
  if (take) {
    for (const url of urls) {
      sent.delete(url.href);
    }
  }
  return arrived.map((early) => early.arrived?.json?.body);
}

function fresh(early: EarlyRequest): boolean {
  return performance.now() - early.sentAt <= EARLY_ANSWER_MAX_AGE_MS;
}

function takeRequest(url: URL): EarlyRequest | undefined {
  const early = sent.get(url.href);
  if (!early) {
    return undefined;
  }
  sent.delete(url.href);
  if (fresh(early)) {
    return early;
  }
  release(early.answer);
  return undefined;
}

/** Let go of an answer nobody reads: its body need not be downloaded. */
function release(answer: Promise<EarlyAnswer>): void {
  answer.then(
    ({ response, json }) => void (json ? undefined : response.body?.cancel()),
    () => undefined,
  );
}

/** Drop every early request not taken (between tests). */
export function forgetEarlyRequests(): void {
  for (const early of sent.values()) {
    release(early.answer);
  }
  sent.clear();
}
