import { Button, Fieldset, HStack, Stack } from "@chakra-ui/react";

import { ConfigFields } from "../ConfigFields";
import { asRecord } from "../configPath";
import { useFormSettings } from "../formContext";
import type { FieldProps } from "./fieldProps";

/**
 * A nested settings object (CSV options, incremental loading) as a fieldset. An optional one that is
 * not set shows only a button to set it up; once set it can be removed again (its defaults apply).
 */
export function ObjectFieldset(props: FieldProps) {
  const { readOnly } = useFormSettings();
  const present = typeof props.value === "object" && props.value !== null;
  return (
    <Fieldset.Root borderWidth="1px" borderColor="border" borderRadius="md" p="3" disabled={readOnly}>
      <HStack justify="space-between">
        <Fieldset.Legend>
          {props.label}
          {props.required ? " *" : ""}
        </Fieldset.Legend>
        {present && !props.required && !readOnly ? (
          <Button size="2xs" variant="ghost" onClick={() => props.onValue(undefined)}>
            Remove {props.label}
          </Button>
        ) : null}
      </HStack>
      {props.schema.description ? <Fieldset.HelperText>{props.schema.description}</Fieldset.HelperText> : null}
      {present || props.required ? (
        <Fieldset.Content>
          <ConfigFields schema={props.schema} path={props.path} value={asRecord(props.value)} onValue={props.onValue} />
        </Fieldset.Content>
      ) : (
        <Stack>
          <Button size="xs" variant="outline" alignSelf="start" disabled={readOnly} onClick={() => props.onValue({})}>
            Set up {props.label}
          </Button>
        </Stack>
      )}
    </Fieldset.Root>
  );
}
