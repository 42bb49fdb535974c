import { Badge, Button, Table, Text } from "@chakra-ui/react";

import type { NodeSample } from "../api/preview";

const PALETTE: Record<NodeSample["status"], string> = { ok: "green", error: "red", skipped: "gray" };

interface SampleNodesProps {
  nodes: NodeSample[];
  /** The node whose rows are shown. */
  shown: string | null;
  onShow: (nodeId: string) => void;
}

/** Each previewed node: status, rows, and its error or why it did not run. */
export function SampleNodes({ nodes, shown, onShow }: SampleNodesProps) {
  return (
    <Table.Root size="sm" aria-label="Previewed nodes">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Node</Table.ColumnHeader>
          <Table.ColumnHeader>Status</Table.ColumnHeader>
          <Table.ColumnHeader>Rows</Table.ColumnHeader>
          <Table.ColumnHeader>Details</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {nodes.map((node) => (
          <Table.Row key={node.node_id} data-node-id={node.node_id} aria-selected={node.node_id === shown}>
            <Table.Cell>
              <Button
                variant={node.node_id === shown ? "subtle" : "plain"}
                size="xs"
                fontFamily="mono"
                disabled={node.status !== "ok"}
                onClick={() => onShow(node.node_id)}
              >
                {node.node_id}
              </Button>
              <Text color="fg.muted" fontSize="xs">
                {node.node_type}
              </Text>
            </Table.Cell>
            <Table.Cell>
              <Badge colorPalette={PALETTE[node.status]} variant="subtle">
                {node.status}
              </Badge>
            </Table.Cell>
            <Table.Cell>
              {node.status === "ok" ? `${node.row_count}${node.truncated ? "+" : ""}` : "—"}
            </Table.Cell>
            <Table.Cell color={node.status === "error" ? "fg.error" : "fg.muted"} whiteSpace="pre-wrap">
              {node.error ?? node.reason ?? (node.truncated ? `cut at the ${node.limit} limit` : "")}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}
