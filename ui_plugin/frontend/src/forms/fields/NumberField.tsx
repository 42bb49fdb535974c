import { Input } from "@chakra-ui/react";

import { useDraft } from "../useDraft";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";

/** Props of {@link NumberField}. */
export interface NumberFieldProps extends FieldProps {
  /** Only whole numbers. */
  integer: boolean;
}

/** A number field checking what is typed against the schema's bounds; empty removes the key. */
export function NumberField(props: NumberFieldProps) {
  const [text, keep] = useDraft(props.value, (value) => (typeof value === "number" ? String(value) : ""));
  const error = numberError(text, props);
  const change = (next: string) => {
    const problem = numberError(next, props);
    const standsFor = next.trim() === "" ? undefined : problem ? props.value : Number(next);
    keep(next, standsFor);
    if (!problem) {
      props.onValue(standsFor);
    }
  };
  return (
    <FieldShell field={props} error={error}>
      <Input
        size="sm"
        inputMode={props.integer ? "numeric" : "decimal"}
        value={text}
        placeholder={placeholderOf(props.schema)}
        onChange={(event) => change(event.target.value)}
      />
    </FieldShell>
  );
}

/** Why `text` is not a valid value of the field, or null (empty is valid: the default applies). */
export function numberError(text: string, { integer, schema }: NumberFieldProps): string | null {
  const trimmed = text.trim();
  if (trimmed === "") {
    return null;
  }
  const number = Number(trimmed);
  if (!Number.isFinite(number)) {
    return "Enter a number.";
  }
  if (integer && !Number.isInteger(number)) {
    return "Enter a whole number.";
  }
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  if (minimum !== undefined && number < minimum) {
    return `Must be at least ${minimum}.`;
  }
  if (maximum !== undefined && number > maximum) {
    return `Must be at most ${maximum}.`;
  }
  if (exclusiveMinimum !== undefined && number <= exclusiveMinimum) {
    return `Must be more than ${exclusiveMinimum}.`;
  }
  if (exclusiveMaximum !== undefined && number >= exclusiveMaximum) {
    return `Must be less than ${exclusiveMaximum}.`;
  }
  return null;
}
