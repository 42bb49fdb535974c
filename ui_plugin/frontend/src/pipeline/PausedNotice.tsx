import { Button, HStack, Text } from "@chakra-ui/react";
import { useCallback, useState } from "react";

import { unpauseDag } from "../api/airflowDags";
import { errorText } from "./errorText";
import { announce, useAnnouncements } from "./pageEvents";

/** The event by which a notice tells the others on the page that it unpaused a DAG (its id). */
const DAG_UNPAUSED = "aggregator:dag-unpaused";

type UnpauseState = { kind: "paused" } | { kind: "unpausing" } | { kind: "unpaused" } | { kind: "failed"; message: string };

/**
 * Says that a pipeline's DAG is paused in Airflow, so its runs wait, and offers to unpause it
 * through Airflow's own API (Airflow checks that the user may edit the DAG). Every notice of
 * the same DAG on the page follows an unpause made from any of them.
 */
export function PausedNotice({ dagId }: { dagId: string }) {
  const [state, setState] = useState<UnpauseState>({ kind: "paused" });
  useAnnouncements(
    DAG_UNPAUSED,
    useCallback((unpaused: string) => unpaused === dagId && setState({ kind: "unpaused" }), [dagId]),
  );
  if (state.kind === "unpaused") {
    return (
      <Text fontSize="sm" color="fg.muted" role="status">
        {dagId} is unpaused: Airflow's scheduler starts its queued runs.
      </Text>
    );
  }
  const unpause = () => {
    setState({ kind: "unpausing" });
    unpauseDag(dagId).then(
      () => announce(DAG_UNPAUSED, dagId),
      (error: unknown) => setState({ kind: "failed", message: errorText(error) }),
    );
  };
  return (
    <HStack gap="2" wrap="wrap" role="group" aria-label="Paused in Airflow">
      <Text fontSize="sm" color="fg.warning">
        {dagId} is paused in Airflow: its runs wait until it is unpaused.
      </Text>
      <Button size="xs" variant="outline" loading={state.kind === "unpausing"} loadingText="Unpausing" onClick={unpause}>
        Unpause
      </Button>
      {state.kind === "failed" ? (
        <Text fontSize="sm" color="fg.error" role="alert">
          {state.message}
        </Text>
      ) : null}
    </HStack>
  );
}
