import { Input, Textarea } from "@chakra-ui/react";

import { useFormSettings } from "../formContext";
import { namesColumns } from "../schema/columnFields";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";

/** Fields written over several lines. */
const MULTILINE = new Set(["sql", "query"]);

/** A text field; one naming an input column suggests the upstream columns. Empty removes the key. */
export function TextField(props: FieldProps) {
  const { columnListId, columnRule } = useFormSettings();
  const value = typeof props.value === "string" ? props.value : "";
  const placeholder = placeholderOf(props.schema);
  const set = (text: string) => props.onValue(text === "" ? undefined : text);
  return (
    <FieldShell field={props}>
      {MULTILINE.has(props.name) ? (
        <Textarea
          fontFamily="mono"
          size="sm"
          rows={5}
          value={value}
          placeholder={placeholder}
          onChange={(event) => set(event.target.value)}
        />
      ) : (
        <Input
          size="sm"
          value={value}
          placeholder={placeholder}
          list={namesColumns(props.name, props.schema, columnRule) ? columnListId : undefined}
          onChange={(event) => set(event.target.value)}
        />
      )}
    </FieldShell>
  );
}
