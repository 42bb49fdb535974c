import { Button, HStack, Table, Tag, Text } from "@chakra-ui/react";

import type { PipelineSort, PipelineSummary } from "../api/pipelines";
import { StatusBadge } from "./StatusBadge";

/** The order a table is shown in. */
export interface TableOrder {
  sort: PipelineSort;
  descending: boolean;
}

interface PipelineTableProps {
  pipelines: PipelineSummary[];
  order: TableOrder;
  onOrderChange: (order: TableOrder) => void;
}

const UPDATED_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Pipelines as rows: name and id, owner, tags, status, last update. */
export function PipelineTable({ pipelines, order, onOrderChange }: PipelineTableProps) {
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md">
      <Table.Root size="sm" interactive stickyHeader>
        <Table.Header>
          <Table.Row>
            <SortableHeader label="Name" sort="name" order={order} onOrderChange={onOrderChange} />
            <Table.ColumnHeader>Owner</Table.ColumnHeader>
            <Table.ColumnHeader>Tags</Table.ColumnHeader>
            <Table.ColumnHeader>Status</Table.ColumnHeader>
            <SortableHeader label="Updated" sort="updated" order={order} onOrderChange={onOrderChange} />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {pipelines.map((pipeline) => (
            <PipelineRow key={pipeline.id} pipeline={pipeline} />
          ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
}

function PipelineRow({ pipeline }: { pipeline: PipelineSummary }) {
  return (
    <Table.Row data-pipeline-id={pipeline.id}>
      <Table.Cell>
        <Text fontWeight="medium">{pipeline.name ?? pipeline.id}</Text>
        {pipeline.name ? (
          <Text color="fg.muted" fontSize="xs" fontFamily="mono">
            {pipeline.id}
          </Text>
        ) : null}
      </Table.Cell>
      <Table.Cell>{pipeline.owner}</Table.Cell>
      <Table.Cell>
        <HStack gap="1" wrap="wrap">
          {pipeline.tags.map((tag) => (
            <Tag.Root key={tag} size="sm" variant="surface">
              <Tag.Label>{tag}</Tag.Label>
            </Tag.Root>
          ))}
        </HStack>
      </Table.Cell>
      <Table.Cell>
        <StatusBadge status={pipeline.status} />
      </Table.Cell>
      <Table.Cell>
        <time dateTime={pipeline.updated_at} title={`by ${pipeline.updated_by}`}>
          {UPDATED_FORMAT.format(new Date(pipeline.updated_at))}
        </time>
      </Table.Cell>
    </Table.Row>
  );
}

interface SortableHeaderProps {
  label: string;
  sort: PipelineSort;
  order: TableOrder;
  onOrderChange: (order: TableOrder) => void;
}

function SortableHeader({ label, sort, order, onOrderChange }: SortableHeaderProps) {
  const active = order.sort === sort;
  const direction = active ? (order.descending ? "descending" : "ascending") : "none";
  return (
    <Table.ColumnHeader aria-sort={direction}>
      <Button
        variant="plain"
        size="sm"
        height="auto"
        px="0"
        fontSize="inherit"
        fontWeight="inherit"
        onClick={() => onOrderChange({ sort, descending: active ? !order.descending : false })}
      >
        {label}
        {active ? (order.descending ? " ▼" : " ▲") : null}
      </Button>
    </Table.ColumnHeader>
  );
}
