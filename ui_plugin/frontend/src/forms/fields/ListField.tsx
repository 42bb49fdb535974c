import { Button, HStack, Input, Stack, Tag, Wrap } from "@chakra-ui/react";
import { useState } from "react";

import { useFormSettings } from "../formContext";
import { issuesAt } from "../issuePaths";
import { namesColumns } from "../schema/columnFields";
import type { ScalarKind } from "../schema/fieldKind";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";

/** Props of {@link ListField}. */
export interface ListFieldProps extends FieldProps {
  /** What each item is. */
  item: ScalarKind;
}

/**
 * A list of names or numbers as removable tags, with a box to add more (Enter, the Add button or
 * leaving the box; commas separate several); column lists suggest the upstream columns. An emptied
 * list removes the key.
 */
export function ListField(props: ListFieldProps) {
  const { readOnly, columnListId, columnRule, issues } = useFormSettings();
  const items = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const [typed, setTyped] = useState("");
  const numeric = props.item === "integer" || props.item === "number";
  const parts = typed
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const error = numeric ? numbersError(parts, props.item === "integer") : null;

  const replace = (next: unknown[]) => props.onValue(next.length > 0 ? next : undefined);
  const add = () => {
    if (parts.length === 0 || error) {
      return;
    }
    replace([...items, ...parts.map((part) => (numeric ? Number(part) : part))]);
    setTyped("");
  };

  return (
    <FieldShell field={props} error={error} issuesShown="below">
      <Stack gap="2" width="full">
        {items.length > 0 ? (
          <Wrap gap="1" role="list" aria-label={`Items in ${props.label}`}>
            {items.map((item, index) => (
              <Tag.Root
                key={`${index}-${String(item)}`}
                size="md"
                role="listitem"
                colorPalette={issuesAt(issues, [...props.path, index], true).length > 0 ? "red" : "gray"}
              >
                <Tag.Label>{String(item)}</Tag.Label>
                {readOnly ? null : (
                  <Tag.EndElement>
                    <Tag.CloseTrigger
                      aria-label={`Remove ${String(item)}`}
                      onClick={() => replace(items.filter((_, position) => position !== index))}
                    />
                  </Tag.EndElement>
                )}
              </Tag.Root>
            ))}
          </Wrap>
        ) : null}
        {readOnly ? null : (
          <HStack gap="2" width="full">
            <Input
              size="sm"
              value={typed}
              placeholder={items.length === 0 ? (placeholderOf(props.schema) ?? "Type, then Enter") : "Add more"}
              list={namesColumns(props.name, props.schema, columnRule) ? columnListId : undefined}
              onChange={(event) => setTyped(event.target.value)}
              onBlur={add}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <Button size="sm" variant="outline" onClick={add} disabled={parts.length === 0 || Boolean(error)}>
              Add
            </Button>
          </HStack>
        )}
      </Stack>
    </FieldShell>
  );
}

function numbersError(parts: string[], integer: boolean): string | null {
  const wrong = parts.find((part) => !Number.isFinite(Number(part)) || (integer && !Number.isInteger(Number(part))));
  return wrong === undefined ? null : `"${wrong}" is not ${integer ? "a whole number" : "a number"}.`;
}
