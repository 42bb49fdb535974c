import { Box, Button, HStack, IconButton, Input, Stack } from "@chakra-ui/react";
import { useId, useRef } from "react";

import { IssueMessage } from "../IssueMessage";
import { asRecord } from "../configPath";
import { ExpressionInput, selectCharacter } from "../expressions/ExpressionInput";
import { useFormSettings } from "../formContext";
import { issuesAt, pathBelow } from "../issuePaths";
import { keysAreColumns } from "../schema/columnFields";
import type { ScalarKind } from "../schema/fieldKind";
import type { JsonSchema } from "../schema/jsonSchema";
import { useDraft } from "../useDraft";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";
import { numberError } from "./NumberField";

/** Props of {@link MapField}. */
export interface MapFieldProps extends FieldProps {
  /** What each value is. */
  valueKind: ScalarKind;
}

interface Entry {
  key: string;
  text: string;
}

/**
 * Name → value pairs (renames, casts, derived columns) as rows; keys naming input columns suggest
 * the upstream columns. Rows with an empty or repeated name stay on screen, with an error, and are
 * not applied until fixed. An emptied map removes the key.
 */
export function MapField(props: MapFieldProps) {
  const { readOnly, columnListId, columnRule, issues } = useFormSettings();
  const [entries, keep] = useDraft(props.value, (value) =>
    Object.entries(asRecord(value)).map(([key, item]) => ({ key, text: item === null ? "" : String(item) })),
  );
  const error = entriesError(entries, props);

  const change = (next: Entry[]) => {
    const problem = entriesError(next, props);
    const value = problem ? props.value : valueOf(next, props.valueKind);
    keep(next, value);
    if (!problem) {
      props.onValue(value);
    }
  };
  const update = (index: number, entry: Partial<Entry>) =>
    change(entries.map((current, position) => (position === index ? { ...current, ...entry } : current)));

  // Issues below the map that no row shows (an entry since renamed): listed under the rows.
  const shown = new Set([
    ...issuesAt(issues, props.path),
    ...entries.flatMap((entry) => (entry.key ? issuesAt(issues, [...props.path, entry.key], true) : [])),
  ]);
  const elsewhere = issuesAt(issues, props.path, true).filter((issue) => !shown.has(issue));

  return (
    <FieldShell field={props} error={error}>
      <Stack gap="2" width="full">
        {entries.map((entry, index) => (
          <Box key={index}>
            <MapRow
              entry={entry}
              position={index + 1}
              props={props}
              keyList={keysAreColumns(props.name, props.schema, columnRule) ? columnListId : undefined}
              onEntry={(changes) => update(index, changes)}
              onRemove={() => change(entries.filter((_, position) => position !== index))}
              readOnly={readOnly}
            />
          </Box>
        ))}
        {elsewhere.map((issue, index) => (
          <IssueMessage key={`${issue.path}-${index}`} issue={issue} where={pathBelow(issue, props.path)} />
        ))}
        {readOnly ? null : (
          <Button
            size="xs"
            variant="outline"
            alignSelf="start"
            onClick={() => change([...entries, { key: "", text: "" }])}
          >
            Add to {props.label}
          </Button>
        )}
      </Stack>
    </FieldShell>
  );
}

interface MapRowProps {
  entry: Entry;
  position: number;
  props: MapFieldProps;
  keyList: string | undefined;
  onEntry: (changes: Partial<Entry>) => void;
  onRemove: () => void;
  readOnly: boolean;
}

function MapRow({ entry, position, props, keyList, onEntry, onRemove, readOnly }: MapRowProps) {
  const { issues } = useFormSettings();
  const inputRef = useRef<HTMLInputElement>(null);
  // Ids of its own: inputs inside one field would otherwise all take the field's id.
  const rowId = useId();
  const found = entry.key ? issuesAt(issues, [...props.path, entry.key], true) : [];
  const valuePlaceholder = placeholderOf(valueSchema(props));
  return (
    <Stack gap="1" role="group" aria-label={`${props.label} ${position}`}>
      <HStack gap="2" align="start">
        <Input
          id={`${rowId}-name`}
          size="sm"
          width="40%"
          aria-label={`${props.label} ${position} name`}
          placeholder="name"
          value={entry.key}
          list={keyList}
          onChange={(event) => onEntry({ key: event.target.value })}
        />
        <Box flex="1">
          {props.valueKind === "expression" ? (
            <ExpressionInput
              value={entry.text}
              label={`${props.label} ${entry.key || position}`}
              ariaLabel={`${props.label} ${position} value`}
              id={`${rowId}-value`}
              inputRef={inputRef}
              invalid={found.length > 0}
              onText={(text) => onEntry({ text })}
            />
          ) : (
            <Input
              id={`${rowId}-value`}
              size="sm"
              aria-label={`${props.label} ${position} value`}
              placeholder={valuePlaceholder}
              value={entry.text}
              onChange={(event) => onEntry({ text: event.target.value })}
            />
          )}
        </Box>
        {readOnly ? null : (
          <IconButton
            size="sm"
            variant="ghost"
            aria-label={`Remove ${entry.key || `entry ${position}`}`}
            onClick={onRemove}
          >
            ×
          </IconButton>
        )}
      </HStack>
      {found.map((issue, index) => (
        <IssueMessage
          key={`${issue.path}-${index}`}
          issue={issue}
          where={entry.key}
          onLocate={(character) => selectCharacter(inputRef.current, character)}
        />
      ))}
    </Stack>
  );
}

function entriesError(entries: Entry[], props: MapFieldProps): string | null {
  const names = entries.map((entry) => entry.key.trim());
  if (names.some((name) => name === "")) {
    return "Every entry needs a name.";
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) {
    return `"${repeated}" is there twice.`;
  }
  if (props.valueKind === "integer" || props.valueKind === "number") {
    const number = { ...props, schema: valueSchema(props), integer: props.valueKind === "integer" };
    for (const entry of entries) {
      const problem = entry.text.trim() === "" ? "Enter a number." : numberError(entry.text, number);
      if (problem) {
        return `${entry.key}: ${problem}`;
      }
    }
  }
  return null;
}

function valueSchema(props: MapFieldProps): JsonSchema {
  const values = props.schema.additionalProperties;
  return typeof values === "object" ? values : {};
}

function valueOf(entries: Entry[], kind: ScalarKind): Record<string, unknown> | undefined {
  if (entries.length === 0) {
    return undefined;
  }
  const numeric = kind === "integer" || kind === "number";
  return Object.fromEntries(entries.map((entry) => [entry.key.trim(), numeric ? Number(entry.text) : entry.text]));
}
