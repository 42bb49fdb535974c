import { Button, Checkbox, Table } from "@chakra-ui/react";

import type { VersionSummary } from "../api/versions";

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

interface VersionTableProps {
  versions: VersionSummary[];
  /** Numbers of the versions selected for comparison. */
  selected: number[];
  onToggle: (number: number) => void;
  /** Restore a version as the draft; no restore buttons when null. */
  onRestore: ((number: number) => void) | null;
  /** The version being restored, if any. */
  restoring: number | null;
}

/** Versions, newest first, each selectable for comparison and restorable. */
export function VersionTable({ versions, selected, onToggle, onRestore, restoring }: VersionTableProps) {
  return (
    <Table.Root size="sm" aria-label="Versions">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Compare</Table.ColumnHeader>
          <Table.ColumnHeader>Version</Table.ColumnHeader>
          <Table.ColumnHeader>Message</Table.ColumnHeader>
          <Table.ColumnHeader>Author</Table.ColumnHeader>
          <Table.ColumnHeader>Time</Table.ColumnHeader>
          {onRestore ? <Table.ColumnHeader /> : null}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {versions.map((version) => (
          <Table.Row key={version.number}>
            <Table.Cell>
              <Checkbox.Root
                size="sm"
                checked={selected.includes(version.number)}
                onCheckedChange={() => onToggle(version.number)}
              >
                <Checkbox.HiddenInput aria-label={`Select version ${version.number}`} />
                <Checkbox.Control />
              </Checkbox.Root>
            </Table.Cell>
            <Table.Cell>{version.number}</Table.Cell>
            <Table.Cell>{version.message}</Table.Cell>
            <Table.Cell>{version.author}</Table.Cell>
            <Table.Cell>
              <time dateTime={version.created_at}>{TIME_FORMAT.format(new Date(version.created_at))}</time>
            </Table.Cell>
            {onRestore ? (
              <Table.Cell>
                <Button
                  size="xs"
                  variant="outline"
                  aria-label={`Restore version ${version.number}`}
                  loading={restoring === version.number}
                  disabled={restoring !== null}
                  onClick={() => onRestore(version.number)}
                >
                  Restore
                </Button>
              </Table.Cell>
            ) : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}
