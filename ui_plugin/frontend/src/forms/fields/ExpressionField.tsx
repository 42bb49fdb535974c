import { useRef } from "react";

import { ExpressionInput, selectCharacter } from "../expressions/ExpressionInput";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";

/** An expression (a filter's `where`): function help, and its issues with the character they point at. */
export function ExpressionField(props: FieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <FieldShell field={props} onLocate={(character) => selectCharacter(inputRef.current, character)}>
      <ExpressionInput
        value={typeof props.value === "string" ? props.value : ""}
        label={props.label}
        inputRef={inputRef}
        placeholder={placeholderOf(props.schema)}
        onText={(text) => props.onValue(text === "" ? undefined : text)}
      />
    </FieldShell>
  );
}
