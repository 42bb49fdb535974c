import { useRef, useState } from "react";

import { getPublication, type ParseState, type Publication, publishVersion } from "../api/publishing";
import { errorText } from "./errorText";
import { useInterval } from "./useInterval";

/** How often Airflow's parse status is asked for after publishing. */
export const PARSE_POLL_MS = 2000;
/** How long to wait for Airflow to parse a published version. */
export const PARSE_TIMEOUT_MS = 120_000;

const SETTLED: readonly ParseState[] = ["parsed", "error", "stale"];

/** Where publishing stands: writing, waiting for Airflow to parse, settled, or failed. */
export type PublishState =
  | { kind: "idle" }
  | { kind: "publishing"; version: number }
  | { kind: "waiting"; version: number; publication: Publication | null }
  | { kind: "settled"; version: number; publication: Publication }
  | { kind: "timed-out"; version: number; publication: Publication | null }
  | { kind: "failed"; version: number; message: string };

/**
 * Publish a version, then follow Airflow's parse status every {@link PARSE_POLL_MS} until it is
 * parsed, broken or stale, giving up after {@link PARSE_TIMEOUT_MS}. `onPublished` is called once
 * the version is in the bundle.
 */
export function usePublishing(
  pipelineId: string,
  onPublished: (version: number) => void,
): { state: PublishState; publish: (version: number) => void } {
  const [state, setState] = useState<PublishState>({ kind: "idle" });
  const startedAt = useRef(0);
  const asking = useRef(false);

  const poll = () => {
    if (state.kind !== "waiting" || asking.current) {
      return;
    }
    const { version } = state;
    asking.current = true;
    getPublication(pipelineId).then(
      (publication) => {
        asking.current = false;
        if (SETTLED.includes(publication.parse.state)) {
          setState({ kind: "settled", version, publication });
        } else if (Date.now() - startedAt.current >= PARSE_TIMEOUT_MS) {
          setState({ kind: "timed-out", version, publication });
        } else {
          setState({ kind: "waiting", version, publication });
        }
      },
      (error: unknown) => {
        asking.current = false;
        setState({ kind: "failed", version, message: errorText(error) });
      },
    );
  };
  useInterval(poll, state.kind === "waiting" ? PARSE_POLL_MS : null);

  const publish = (version: number) => {
    setState({ kind: "publishing", version });
    publishVersion(pipelineId, version).then(
      () => {
        onPublished(version);
        startedAt.current = Date.now();
        setState({ kind: "waiting", version, publication: null });
      },
      (error: unknown) => setState({ kind: "failed", version, message: errorText(error) }),
    );
  };
  return { state, publish };
}
