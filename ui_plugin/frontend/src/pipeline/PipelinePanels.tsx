import { Tabs, Text } from "@chakra-ui/react";
import { memo, useCallback, useState } from "react";

import type { PipelineDetail } from "../api/components";
import type { Run } from "../api/publishing";
import type { PipelineSpec } from "../spec/types";
import { CodePanel } from "./CodePanel";
import type { DiffMark } from "./diffMarks";
import { PreviewPanel } from "./PreviewPanel";
import { useAnnouncedRuns } from "./runEvents";
import { RunsPanel } from "./RunsPanel";
import { VersionsPanel } from "./VersionsPanel";

/** Props of {@link PipelinePanels}. */
export interface PipelinePanelsProps {
  /** The spec being edited. */
  spec: PipelineSpec;
  /** The server's copy; null for a pipeline not saved yet (no versions or runs then). */
  pipeline: PipelineDetail | null;
  /** The node selected on the canvas: the preview runs up to it. */
  selectedNodeId: string | null;
  /** No editing of the text and no restoring of versions. */
  readOnly: boolean;
  /** Called with a new spec: valid text typed in the code view, or a restored version. */
  onSpecChange: (spec: PipelineSpec) => void;
  /** The Airflow state of each node in the run shown; empty when no run is shown. */
  onNodeStates: (states: Record<string, string>) => void;
  /** How each node differs in the comparison shown; null when none is shown. */
  onDiffMarks: (marks: Record<string, DiffMark> | null) => void;
  /** The server's copy after a version was restored (a new row version and draft). */
  onSaved?: ((pipeline: PipelineDetail) => void) | undefined;
}

type Panel = "preview" | "code" | "versions" | "runs";

/**
 * The panels under the canvas: a sample preview, the spec as YAML, versions with diffs, and runs.
 * Memoised: an edit on the canvas that leaves its props as they were does not redraw them. The
 * builder opens on the preview: the YAML of a large pipeline is thousands of lines, which the
 * page lays out again on every change, so it is written out only once the Code tab is opened.
 */
export const PipelinePanels = memo(function PipelinePanels({
  spec,
  pipeline,
  selectedNodeId,
  readOnly,
  onSpecChange,
  onNodeStates,
  onDiffMarks,
  onSaved,
}: PipelinePanelsProps) {
  const [panel, setPanel] = useState<Panel>("preview");
  const [queued, setQueued] = useState<Run | null>(null);
  useAnnouncedRuns(
    pipeline?.id ?? null,
    useCallback((run: Run) => {
      setQueued(run);
      setPanel("runs");
    }, []),
  );

  return (
    <Tabs.Root
      value={panel}
      onValueChange={(details) => setPanel(details.value as Panel)}
      lazyMount
      size="sm"
      variant="line"
    >
      <Tabs.List>
        <Tabs.Trigger value="preview">Preview</Tabs.Trigger>
        <Tabs.Trigger value="code">Code</Tabs.Trigger>
        <Tabs.Trigger value="versions">Versions</Tabs.Trigger>
        <Tabs.Trigger value="runs">Runs</Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="preview">
        <PreviewPanel spec={spec} selectedNodeId={selectedNodeId} />
      </Tabs.Content>
      <Tabs.Content value="code">
        <CodePanel spec={spec} readOnly={readOnly} onSpecChange={onSpecChange} />
      </Tabs.Content>
      <Tabs.Content value="versions">
        {pipeline ? (
          <VersionsPanel
            pipeline={pipeline}
            readOnly={readOnly}
            onSpecChange={onSpecChange}
            onRestored={onSaved}
            onDiffMarks={onDiffMarks}
          />
        ) : (
          <NotSaved subject="Versions" />
        )}
      </Tabs.Content>
      <Tabs.Content value="runs">
        {pipeline ? (
          <RunsPanel pipeline={pipeline} queued={queued} onNodeStates={onNodeStates} />
        ) : (
          <NotSaved subject="Runs" />
        )}
      </Tabs.Content>
    </Tabs.Root>
  );
});

function NotSaved({ subject }: { subject: string }) {
  return <Text color="fg.muted">{subject} appear once the pipeline is saved.</Text>;
}
