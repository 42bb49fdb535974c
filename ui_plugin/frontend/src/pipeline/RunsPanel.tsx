import { Button, Spinner, Stack, Table, Text } from "@chakra-ui/react";
import { useEffect, useRef, useState } from "react";

import type { PipelineDetail } from "../api/components";
import type { Page } from "../api/pipelines";
import { listRuns, type Run } from "../api/publishing";
import { errorText } from "./errorText";
import { RunDetails } from "./RunDetails";
import { runNodeStates } from "./runNodeStates";
import { RunStateBadge } from "./RunStateBadge";
import { useRunFollow } from "./useRunFollow";

interface RunsPanelProps {
  pipeline: PipelineDetail;
  /** The run last queued from this page: it is followed, even before the list shows it. */
  queued: Run | null;
  /** The state of each node in the run shown, for the canvas; empty when none is shown. */
  onNodeStates: (states: Record<string, string>) => void;
}

type ListState = { kind: "loading" } | { kind: "loaded"; page: Page<Run> } | { kind: "failed"; message: string };

/** The pipeline's runs; the selected one (the latest by default) is followed live. */
export function RunsPanel({ pipeline, queued, onNodeStates }: RunsPanelProps) {
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [chosen, setChosen] = useState<string | null>(queued?.run_id ?? null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listRuns(pipeline.id, controller.signal).then(
      (page) => setList({ kind: "loaded", page }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setList({ kind: "failed", message: errorText(error) });
        }
      },
    );
    return () => controller.abort();
  }, [pipeline.id, attempt]);

  const lastQueued = useRef(queued);
  useEffect(() => {
    if (queued && queued !== lastQueued.current) {
      lastQueued.current = queued;
      setChosen(queued.run_id);
      setAttempt((count) => count + 1);
    }
  }, [queued]);

  const runs = list.kind === "loaded" ? list.page.items : [];
  const runId = chosen ?? runs[0]?.run_id ?? null;
  const followed = useRunFollow(pipeline.id, runId);

  const statesShown = useRef(onNodeStates);
  statesShown.current = onNodeStates;
  useEffect(() => {
    statesShown.current(followed.kind === "loaded" ? runNodeStates(followed.run) : {});
  }, [followed]);
  useEffect(() => () => statesShown.current({}), []);

  if (list.kind === "loading") {
    return <Spinner size="sm" aria-label="Loading runs" />;
  }
  if (list.kind === "failed") {
    return (
      <Text color="fg.error" role="alert">
        Could not load the runs: {list.message}
      </Text>
    );
  }
  if (runs.length === 0 && runId === null) {
    return <Text color="fg.muted">No runs yet. Publish the pipeline and run it, or wait for its schedule.</Text>;
  }
  const live = followed.kind === "loaded" ? followed.run : null;
  return (
    <Stack gap="3">
      <Table.Root size="sm" aria-label="Runs">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Run</Table.ColumnHeader>
            <Table.ColumnHeader>State</Table.ColumnHeader>
            <Table.ColumnHeader>Version</Table.ColumnHeader>
            <Table.ColumnHeader>Triggered by</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => (
            <Table.Row key={run.run_id} aria-selected={run.run_id === runId}>
              <Table.Cell>
                <Button
                  variant={run.run_id === runId ? "subtle" : "plain"}
                  size="xs"
                  fontFamily="mono"
                  onClick={() => setChosen(run.run_id)}
                >
                  {run.run_id}
                </Button>
              </Table.Cell>
              <Table.Cell>
                <RunStateBadge state={live && live.run_id === run.run_id ? live.state : run.state} />
              </Table.Cell>
              <Table.Cell>{run.version ?? "—"}</Table.Cell>
              <Table.Cell>{run.triggered_by ?? run.run_type}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      {followed.kind === "loading" ? <Spinner size="sm" aria-label="Loading the run" /> : null}
      {followed.kind === "failed" ? (
        <Text color="fg.error" role="alert">
          Could not load the run: {followed.message}
        </Text>
      ) : null}
      {live ? <RunDetails run={live} /> : null}
    </Stack>
  );
}
