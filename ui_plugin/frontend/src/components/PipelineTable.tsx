import { Button, Checkbox, HStack, Link, Table, Tag, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "react-router-dom";

import type { PipelineSort, PipelineListItem } from "../api/pipelines";
import { RunStateBadge } from "../pipeline/RunStateBadge";
import { StatusBadge } from "./StatusBadge";

/** The order a table is shown in. */
export interface TableOrder {
  sort: PipelineSort;
  descending: boolean;
}

/** Which rows are selected, and how to change that; without it the table has no selection column. */
export interface TableSelection {
  selected: ReadonlySet<string>;
  /** Select (or unselect) these pipelines. */
  onChange: (pipelines: PipelineListItem[], selected: boolean) => void;
}

interface PipelineTableProps {
  pipelines: PipelineListItem[];
  order: TableOrder;
  onOrderChange: (order: TableOrder) => void;
  selection?: TableSelection;
  /** A message per pipeline id, shown in its row (why an action on it failed). */
  rowErrors?: Record<string, string>;
}

const MOMENT_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * Pipelines as rows: name and id (a link to the builder), owner, tags, status, published
 * version, the DAG's last run (state and time) and next run, last update.
 */
export function PipelineTable({ pipelines, order, onOrderChange, selection, rowErrors = {} }: PipelineTableProps) {
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md">
      <Table.Root size="sm" interactive stickyHeader>
        <Table.Header>
          <Table.Row>
            {selection ? (
              <Table.ColumnHeader width="8">
                <SelectAll pipelines={pipelines} selection={selection} />
              </Table.ColumnHeader>
            ) : null}
            <SortableHeader label="Name" sort="name" order={order} onOrderChange={onOrderChange} />
            <Table.ColumnHeader>Owner</Table.ColumnHeader>
            <Table.ColumnHeader>Tags</Table.ColumnHeader>
            <Table.ColumnHeader>Status</Table.ColumnHeader>
            <Table.ColumnHeader>Published</Table.ColumnHeader>
            <Table.ColumnHeader>Last run</Table.ColumnHeader>
            <Table.ColumnHeader>Next run</Table.ColumnHeader>
            <SortableHeader label="Updated" sort="updated" order={order} onOrderChange={onOrderChange} />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {pipelines.map((pipeline) => (
            <PipelineRow key={pipeline.id} pipeline={pipeline} selection={selection} error={rowErrors[pipeline.id]} />
          ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
}

interface PipelineRowProps {
  pipeline: PipelineListItem;
  selection: TableSelection | undefined;
  error: string | undefined;
}

function PipelineRow({ pipeline, selection, error }: PipelineRowProps) {
  const selected = selection?.selected.has(pipeline.id) ?? false;
  const { dag } = pipeline;
  return (
    <Table.Row data-pipeline-id={pipeline.id} data-selected={selected ? "" : undefined}>
      {selection ? (
        <Table.Cell>
          <Checkbox.Root
            size="sm"
            checked={selected}
            onCheckedChange={(event) => selection.onChange([pipeline], event.checked === true)}
          >
            <Checkbox.HiddenInput aria-label={`Select ${pipeline.id}`} />
            <Checkbox.Control />
          </Checkbox.Root>
        </Table.Cell>
      ) : null}
      <Table.Cell>
        <Link asChild fontWeight="medium" color="fg.info">
          <RouterLink to={encodeURIComponent(pipeline.id)}>{pipeline.name ?? pipeline.id}</RouterLink>
        </Link>
        {pipeline.name ? (
          <Text color="fg.muted" fontSize="xs" fontFamily="mono">
            {pipeline.id}
          </Text>
        ) : null}
        {error ? (
          <Text color="fg.error" fontSize="xs" role="alert">
            {error}
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
      <Table.Cell>{pipeline.published_version === null ? <NotKnown /> : `version ${pipeline.published_version}`}</Table.Cell>
      <Table.Cell>
        {dag.last_run_at ? (
          <HStack gap="2" wrap="wrap">
            <RunStateBadge state={dag.last_run_state} />
            <Moment at={dag.last_run_at} />
          </HStack>
        ) : (
          <NotKnown />
        )}
      </Table.Cell>
      <Table.Cell>
        {dag.is_paused ? (
          <Text as="span" color="fg.muted">
            paused
          </Text>
        ) : dag.next_run_at ? (
          <Moment at={dag.next_run_at} />
        ) : (
          <NotKnown />
        )}
      </Table.Cell>
      <Table.Cell>
        <Moment at={pipeline.updated_at} title={`by ${pipeline.updated_by}`} />
      </Table.Cell>
    </Table.Row>
  );
}

/** A moment in the user's locale, with its exact time for machines. */
function Moment({ at, title }: { at: string; title?: string }) {
  return (
    <time dateTime={at} title={title}>
      {MOMENT_FORMAT.format(new Date(at))}
    </time>
  );
}

/** An empty cell: nothing to show yet. */
function NotKnown() {
  return (
    <Text as="span" color="fg.muted" aria-label="none">
      —
    </Text>
  );
}

function SelectAll({ pipelines, selection }: { pipelines: PipelineListItem[]; selection: TableSelection }) {
  const count = pipelines.filter((pipeline) => selection.selected.has(pipeline.id)).length;
  const checked = count === 0 ? false : count === pipelines.length ? true : "indeterminate";
  return (
    <Checkbox.Root
      size="sm"
      checked={checked}
      onCheckedChange={() => selection.onChange(pipelines, checked !== true)}
    >
      <Checkbox.HiddenInput aria-label="Select all pipelines on this page" />
      <Checkbox.Control />
    </Checkbox.Root>
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
