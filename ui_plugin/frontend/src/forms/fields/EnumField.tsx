import { NativeSelect } from "@chakra-ui/react";

import { FieldShell } from "./FieldShell";
import type { FieldProps } from "./fieldProps";

/** Props of {@link EnumField}. */
export interface EnumFieldProps extends FieldProps {
  options: (string | number)[];
}

/** A choice among the schema's `enum`; the empty choice removes the key (its default, or none). */
export function EnumField(props: EnumFieldProps) {
  const { options, schema, value } = props;
  const index = options.findIndex((option) => option === value);
  const empty =
    schema.default !== undefined && schema.default !== null
      ? `Default (${String(schema.default)})`
      : props.required
        ? "Choose…"
        : "None";
  return (
    <FieldShell field={props}>
      <NativeSelect.Root size="sm">
        <NativeSelect.Field
          value={index >= 0 ? String(index) : ""}
          onChange={(event) => {
            const chosen = event.target.value;
            props.onValue(chosen === "" ? undefined : options[Number(chosen)]);
          }}
        >
          <option value="">{empty}</option>
          {options.map((option, position) => (
            <option key={String(option)} value={String(position)}>
              {String(option)}
            </option>
          ))}
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
    </FieldShell>
  );
}
