import { HStack, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { getPublication, triggerRun } from "../api/publishing";
import { ActionButton } from "./ActionButton";
import { errorText } from "./errorText";
import { PausedNotice } from "./PausedNotice";
import { announceRun } from "./runEvents";

interface RunButtonProps {
  pipelineId: string;
  /** Why a run cannot be queued now, or null. */
  blockedBy: string | null;
}

type RunState =
  | { kind: "idle" }
  | { kind: "queuing" }
  | { kind: "queued"; runId: string; pausedDag: string | null }
  | { kind: "failed"; message: string };

/**
 * Queues a manual run of the published version; the runs panel then follows it. A run of a
 * paused DAG waits, so the button then says so and offers to unpause it.
 */
export function RunButton({ pipelineId, blockedBy }: RunButtonProps) {
  const [state, setState] = useState<RunState>({ kind: "idle" });
  const run = () => {
    setState({ kind: "queuing" });
    triggerRun(pipelineId).then(
      (queued) => {
        setState({ kind: "queued", runId: queued.run_id, pausedDag: null });
        announceRun(queued);
        getPublication(pipelineId).then(
          ({ parse }) => {
            if (parse.is_paused) {
              // Only onto this run's own message: a later click may have moved on since.
              setState((current) =>
                current.kind === "queued" && current.runId === queued.run_id
                  ? { ...current, pausedDag: queued.dag_id }
                  : current,
              );
            }
          },
          // Only the hint is lost: the run is queued and the runs panel follows it.
          () => undefined,
        );
      },
      (error: unknown) => setState({ kind: "failed", message: errorText(error) }),
    );
  };
  return (
    <HStack gap="2" align="start">
      <ActionButton
        blockedBy={blockedBy}
        variant="outline"
        loading={state.kind === "queuing"}
        loadingText="Queuing"
        onClick={run}
      >
        Run
      </ActionButton>
      {state.kind === "queued" ? (
        <Stack gap="1">
          <Text
            fontSize="sm"
            color="fg.muted"
            role="status"
            title={state.runId}
            aria-label={`Run ${state.runId} queued: follow it under Runs.`}
          >
            Run queued: follow it under Runs.
          </Text>
          {state.pausedDag ? <PausedNotice dagId={state.pausedDag} /> : null}
        </Stack>
      ) : null}
      {state.kind === "failed" ? (
        <Text fontSize="sm" color="fg.error" role="alert">
          {state.message}
        </Text>
      ) : null}
    </HStack>
  );
}
