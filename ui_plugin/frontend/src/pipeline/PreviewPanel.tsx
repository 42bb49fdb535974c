import { Alert, Button, HStack, Spinner, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import type { PipelineSpec } from "../spec/types";
import { SampleGrid } from "./SampleGrid";
import { SampleNodes } from "./SampleNodes";
import { sameSpec } from "./specIdentity";
import { PREVIEW_ROWS, usePreview } from "./usePreview";

interface PreviewPanelProps {
  spec: PipelineSpec;
  /** The node to preview up to; all nodes when null. */
  selectedNodeId: string | null;
}

/** Runs the pipeline on a sample up to the selected node and shows each node's result and rows. */
export function PreviewPanel({ spec, selectedNodeId }: PreviewPanelProps) {
  const { state, run, cancel } = usePreview();
  const [picked, setPicked] = useState<string | null>(null);

  const start = () => {
    setPicked(null);
    run(spec, selectedNodeId);
  };
  const sample = state.kind === "done" ? state.sample : null;
  const shownId = picked ?? (state.kind === "done" ? state.node : null) ?? sample?.nodes.at(-1)?.node_id ?? null;
  const shown = sample?.nodes.find((node) => node.node_id === shownId && node.status === "ok") ?? null;

  return (
    <Stack gap="3">
      <HStack gap="2" wrap="wrap">
        <Button size="sm" onClick={start} disabled={state.kind === "running"}>
          {selectedNodeId ? `Preview up to ${selectedNodeId}` : "Preview all nodes"}
        </Button>
        {state.kind === "running" ? (
          <>
            <Spinner size="sm" aria-label="Running the preview" />
            <Button size="sm" variant="outline" onClick={cancel}>
              Cancel
            </Button>
          </>
        ) : null}
        <Text color="fg.muted" fontSize="sm">
          Runs on the first {PREVIEW_ROWS} rows of each source; sinks never write.
        </Text>
      </HStack>

      {state.kind === "failed" ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>The preview failed</Alert.Title>
            <Alert.Description>{state.message}</Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}

      {state.kind === "done" ? (
        <>
          {sameSpec(state.spec, spec) ? null : (
            <Text color="fg.warning" fontSize="sm" role="status">
              The pipeline changed since this preview; run it again to see the change.
            </Text>
          )}
          <SampleNodes nodes={state.sample.nodes} shown={shown?.node_id ?? null} onShow={setPicked} />
          {shown ? <SampleGrid sample={shown} /> : null}
        </>
      ) : null}
    </Stack>
  );
}
