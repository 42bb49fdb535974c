import { HStack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { triggerRun } from "../api/publishing";
import { ActionButton } from "./ActionButton";
import { errorText } from "./errorText";
import { announceRun } from "./runEvents";

interface RunButtonProps {
  pipelineId: string;
  /** Why a run cannot be queued now, or null. */
  blockedBy: string | null;
}

type RunState =
  | { kind: "idle" }
  | { kind: "queuing" }
  | { kind: "queued"; runId: string }
  | { kind: "failed"; message: string };

/** Queues a manual run of the published version; the runs panel then follows it. */
export function RunButton({ pipelineId, blockedBy }: RunButtonProps) {
  const [state, setState] = useState<RunState>({ kind: "idle" });
  const run = () => {
    setState({ kind: "queuing" });
    triggerRun(pipelineId).then(
      (queued) => {
        setState({ kind: "queued", runId: queued.run_id });
        announceRun(queued);
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
        <Text fontSize="sm" color="fg.muted" role="status">
          Run {state.runId} queued
        </Text>
      ) : null}
      {state.kind === "failed" ? (
        <Text fontSize="sm" color="fg.error" role="alert">
          {state.message}
        </Text>
      ) : null}
    </HStack>
  );
}
