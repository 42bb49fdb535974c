import { Switch, Text } from "@chakra-ui/react";

import { useFormSettings } from "../formContext";
import { FieldShell } from "./FieldShell";
import type { FieldProps } from "./fieldProps";

/** An on/off switch; while the key is absent it shows the default and says so. */
export function BooleanField(props: FieldProps) {
  const { readOnly } = useFormSettings();
  const set = typeof props.value === "boolean";
  const checked = set ? (props.value as boolean) : props.schema.default === true;
  const note =
    !set && typeof props.schema.default === "boolean" ? (
      <Text fontSize="xs" color="fg.muted">
        Default: {props.schema.default ? "on" : "off"}
      </Text>
    ) : null;
  return (
    <FieldShell field={props} unlabelled note={note}>
      <Switch.Root
        size="sm"
        checked={checked}
        disabled={readOnly}
        onCheckedChange={(details) => props.onValue(details.checked)}
      >
        <Switch.HiddenInput />
        <Switch.Control>
          <Switch.Thumb />
        </Switch.Control>
        <Switch.Label>{props.label}</Switch.Label>
      </Switch.Root>
    </FieldShell>
  );
}
