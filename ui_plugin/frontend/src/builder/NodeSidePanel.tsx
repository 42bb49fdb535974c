import { Alert, Heading, List, Stack, Text } from "@chakra-ui/react";
import { useMemo, useState } from "react";

import type { ComponentInfo, NodeSpec, PipelineSpec, SpecIssue } from "../spec/types";
import { type PreviewOutcome, upstreamColumns } from "../spec/upstreamColumns";
import { NodeConfigPanel } from "../forms/NodeConfigPanel";

/** Props of {@link NodeSidePanel}. */
export interface NodeSidePanelProps {
  spec: PipelineSpec;
  /** Ids of the selected nodes. */
  selected: string[];
  components: Map<string, ComponentInfo>;
  /** Validation problems per node id. */
  issues: Record<string, SpecIssue[]>;
  /** Problems of the pipeline as a whole. */
  pipelineIssues: SpecIssue[];
  readOnly: boolean;
  /** The last preview run in the builder, whose samples give the selected node's input columns. */
  preview?: PreviewOutcome | null | undefined;
  /** A node's settings changed: `id` is the id it had. */
  onNodeChange: (id: string, node: NodeSpec) => void;
}

/** The selected node's settings; with no node selected, the pipeline's own problems. */
export function NodeSidePanel(props: NodeSidePanelProps) {
  const { spec, selected, components, issues, pipelineIssues, readOnly, preview = null, onNodeChange } = props;
  // The id a rename asked for that another node has, by the node renamed.
  const [taken, setTaken] = useState<{ node: string; id: string } | null>(null);
  const node = selected.length === 1 ? spec.nodes.find((candidate) => candidate.id === selected[0]) : undefined;
  const columns = useMemo(() => (node ? upstreamColumns(spec, node.id, preview) : null), [spec, node, preview]);
  if (node) {
    const component = components.get(node.type);
    if (!component) {
      return (
        <Alert.Root status="warning" m="3" width="auto">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Unknown node type</Alert.Title>
            <Alert.Description>
              No node type named {node.type} is registered. Change the type in the code view, or add the
              component to the deployment.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      );
    }
    // Ids are unique: a rename to another node's id keeps the old id (the rest of the change applies).
    const change = (changed: NodeSpec) => {
      const clash = changed.id !== node.id && spec.nodes.some((other) => other.id === changed.id);
      setTaken(clash ? { node: node.id, id: changed.id } : null);
      onNodeChange(node.id, clash ? { ...changed, id: node.id } : changed);
    };
    return (
      <Stack gap="2" p="3">
        {taken?.node === node.id ? (
          <Alert.Root status="warning" role="alert">
            <Alert.Indicator />
            <Alert.Description>
              Another node is already called {taken.id}: this node keeps the id {node.id}.
            </Alert.Description>
          </Alert.Root>
        ) : null}
        <NodeConfigPanel
          // Keyed by place, not id: renaming keeps the form (and its focus), another node gets a fresh one.
          key={spec.nodes.indexOf(node)}
          node={node}
          component={component}
          upstreamColumns={columns?.columns}
          columnsSource={columns?.source}
          issues={issues[node.id] ?? []}
          readOnly={readOnly}
          onChange={change}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="3" p="3">
      <Text color="fg.muted" fontSize="sm">
        {selected.length > 1
          ? `${selected.length} nodes selected. Select one node to see its settings.`
          : "Select a node to see its settings."}
      </Text>
      {pipelineIssues.length > 0 ? (
        <Stack gap="1" aria-label="Problems of the pipeline">
          <Heading size="xs">Problems of the pipeline</Heading>
          <List.Root fontSize="sm" ps="4">
            {pipelineIssues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>
                <Text as="span" fontFamily="mono" color="fg.error">
                  {issue.path || "spec"}
                </Text>
                : {issue.message}
              </List.Item>
            ))}
          </List.Root>
        </Stack>
      ) : null}
    </Stack>
  );
}
