import { Table, Text } from "@chakra-ui/react";

import type { NodeSample } from "../api/preview";

/** A value of a sample row as text; values are JSON data already (dates as ISO text, decimals as text). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return "null";
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A node's sample rows as a table, its schema (column name and type) as the header. */
export function SampleGrid({ sample }: { sample: NodeSample }) {
  const columns =
    sample.schema.length > 0 ? sample.schema : Object.keys(sample.rows[0] ?? {}).map((name) => ({ name, type: "" }));
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md" maxH="md">
      <Table.Root size="sm" stickyHeader aria-label={`Rows of ${sample.node_id}`}>
        <Table.Header>
          <Table.Row>
            {columns.map((column) => (
              <Table.ColumnHeader key={column.name}>
                <Text fontFamily="mono">{column.name}</Text>
                <Text color="fg.muted" fontSize="xs" fontWeight="normal">
                  {column.type}
                </Text>
              </Table.ColumnHeader>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {sample.rows.map((row, index) => (
            <Table.Row key={index}>
              {columns.map((column) => {
                const value = row[column.name];
                return (
                  <Table.Cell key={column.name} fontFamily="mono" color={value === null ? "fg.subtle" : undefined}>
                    {cellText(value)}
                  </Table.Cell>
                );
              })}
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
}
