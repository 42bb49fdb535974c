import { Button, HStack, NativeSelect, Text } from "@chakra-ui/react";
import { useState } from "react";

import { ApiError } from "../api/client";
import { exportAsFile, type ExportFormat } from "../interchange/exportDocument";

interface SelectionBarProps {
  /** Ids of the selected pipelines, in the order they were selected. */
  ids: string[];
  /** Whether to offer Delete (the user holds can_delete on Aggregator Pipelines). */
  canDelete: boolean;
  onDelete: () => void;
  onClear: () => void;
}

/** What can be done with the selected pipelines: export them as one file, delete them. */
export function SelectionBar({ ids, canDelete, onDelete, onClear }: SelectionBarProps) {
  const [format, setFormat] = useState<ExportFormat>("yaml");
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const runExport = async () => {
    setExporting(true);
    setError(undefined);
    try {
      await exportAsFile(ids, format);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setExporting(false);
    }
  };

  return (
    <HStack
      role="toolbar"
      aria-label="Selected pipelines"
      gap="3"
      wrap="wrap"
      px="3"
      py="2"
      borderWidth="1px"
      borderRadius="md"
      bg="bg.muted"
    >
      <Text fontSize="sm" fontWeight="medium">
        {ids.length} selected
      </Text>
      <NativeSelect.Root size="sm" width="auto">
        <NativeSelect.Field
          aria-label="Export format"
          value={format}
          onChange={(event) => setFormat(event.target.value as ExportFormat)}
        >
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
      <Button size="sm" variant="outline" loading={exporting} onClick={() => void runExport()}>
        Export
      </Button>
      {canDelete ? (
        <Button size="sm" variant="outline" colorPalette="red" onClick={onDelete}>
          Delete
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
      {error ? (
        <Text color="fg.error" fontSize="sm" role="alert">
          Export failed: {error}
        </Text>
      ) : null}
    </HStack>
  );
}
