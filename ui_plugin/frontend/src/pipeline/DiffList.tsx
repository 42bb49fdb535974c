import { Badge, HStack, List, Stack, Text } from "@chakra-ui/react";

import type { SpecDiff, ValueChange } from "../api/versions";

const PALETTE: Record<ValueChange["change"], string> = { added: "green", removed: "red", changed: "orange" };

function valueText(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value);
}

function ChangeLine({ change, prefix = "" }: { change: ValueChange; prefix?: string }) {
  const old = valueText(change.old);
  const next = valueText(change.new);
  return (
    <List.Item>
      <Badge colorPalette={PALETTE[change.change]} variant="subtle" me="1">
        {change.change}
      </Badge>
      <Text as="span" fontFamily="mono">
        {prefix}
        {change.path}
      </Text>
      {old || next ? (
        <Text as="span" color="fg.muted" fontFamily="mono">
          {" "}
          {old}
          {old && next ? " → " : ""}
          {next}
        </Text>
      ) : null}
    </List.Item>
  );
}

/** A semantic diff as lists: pipeline fields, nodes added, removed, renamed and changed, edges. */
export function DiffList({ diff }: { diff: SpecDiff }) {
  const { nodes, edges } = diff;
  const to = diff.to_version === "draft" ? "the saved draft" : `version ${diff.to_version}`;
  return (
    <Stack gap="2" fontSize="sm" aria-label="Differences">
      <Text fontWeight="medium">
        From version {diff.from_version} to {to}: {diff.summary}
      </Text>
      <List.Root ps="4" gap="1">
        {diff.pipeline.map((change) => (
          <ChangeLine key={`pipeline-${change.path}`} change={change} />
        ))}
        {nodes.added.map((node) => (
          <List.Item key={`added-${node.id}`}>
            Node <Text as="span" fontFamily="mono">{node.id}</Text> ({node.type}) added
          </List.Item>
        ))}
        {nodes.removed.map((node) => (
          <List.Item key={`removed-${node.id}`}>
            Node <Text as="span" fontFamily="mono">{node.id}</Text> ({node.type}) removed
          </List.Item>
        ))}
        {nodes.renamed.map((rename) => (
          <List.Item key={`renamed-${rename.to}`}>
            Node <Text as="span" fontFamily="mono">{rename.from}</Text> renamed to{" "}
            <Text as="span" fontFamily="mono">{rename.to}</Text>
          </List.Item>
        ))}
        {nodes.changed.map((node) => (
          <List.Item key={`changed-${node.id}`}>
            <HStack gap="1">
              <Text>Node</Text>
              <Text fontFamily="mono">{node.id}</Text>
              <Text>changed</Text>
            </HStack>
            <List.Root ps="4" gap="1">
              {node.fields.map((change) => (
                <ChangeLine key={`field-${change.path}`} change={change} />
              ))}
              {node.config.map((change) => (
                <ChangeLine key={`config-${change.path}`} change={change} prefix="config." />
              ))}
            </List.Root>
          </List.Item>
        ))}
        {edges.added.map((edge) => (
          <List.Item key={`edge-added-${edge.from}-${edge.to}`}>
            Edge {edge.from} → {edge.to} added
          </List.Item>
        ))}
        {edges.removed.map((edge) => (
          <List.Item key={`edge-removed-${edge.from}-${edge.to}`}>
            Edge {edge.from} → {edge.to} removed
          </List.Item>
        ))}
      </List.Root>
    </Stack>
  );
}
