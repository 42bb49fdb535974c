import { HStack, Stack, Table, Text } from "@chakra-ui/react";

import type { RunDetail } from "../api/publishing";
import { RunStateBadge } from "./RunStateBadge";

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function time(value: string | null): string {
  return value ? TIME_FORMAT.format(new Date(value)) : "—";
}

/** One run: its state and times, and each task with its state and the nodes it runs. */
export function RunDetails({ run }: { run: RunDetail }) {
  return (
    <Stack gap="2" aria-label={`Run ${run.run_id}`}>
      <HStack gap="3" wrap="wrap" fontSize="sm">
        <Text fontFamily="mono">{run.run_id}</Text>
        <RunStateBadge state={run.state} />
        {run.version !== null ? <Text>version {run.version}</Text> : null}
        <Text color="fg.muted">
          started {time(run.start_date)}, ended {time(run.end_date)}
        </Text>
      </HStack>
      <Table.Root size="sm" aria-label="Tasks">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Task</Table.ColumnHeader>
            <Table.ColumnHeader>Nodes</Table.ColumnHeader>
            <Table.ColumnHeader>State</Table.ColumnHeader>
            <Table.ColumnHeader>Try</Table.ColumnHeader>
            <Table.ColumnHeader>Duration</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {run.tasks.map((task) => (
            <Table.Row key={`${task.task_id}-${task.map_index}`} data-task-id={task.task_id}>
              <Table.Cell fontFamily="mono">
                {task.task_id}
                {task.map_index >= 0 ? `[${task.map_index}]` : ""}
              </Table.Cell>
              <Table.Cell fontFamily="mono">{task.nodes.join(" → ")}</Table.Cell>
              <Table.Cell>
                <RunStateBadge state={task.state} />
              </Table.Cell>
              <Table.Cell>{task.try_number}</Table.Cell>
              <Table.Cell>{task.duration === null ? "—" : `${task.duration.toFixed(1)} s`}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Stack>
  );
}
