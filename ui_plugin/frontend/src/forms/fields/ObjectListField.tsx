import { Box, Button, Fieldset, HStack, Stack, Text } from "@chakra-ui/react";

import { ConfigFields } from "../ConfigFields";
import { IssueMessage } from "../IssueMessage";
import { asRecord } from "../configPath";
import { useFormSettings } from "../formContext";
import { issuesAt } from "../issuePaths";
import type { JsonSchema } from "../schema/jsonSchema";
import type { FieldProps } from "./fieldProps";

/** Props of {@link ObjectListField}. */
export interface ObjectListFieldProps extends FieldProps {
  /** The schema of each item. */
  item: JsonSchema;
}

/** A list of settings objects (sort keys) as boxes in order, each removable and movable up. */
export function ObjectListField(props: ObjectListFieldProps) {
  const { readOnly, issues } = useFormSettings();
  const items = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const replace = (next: unknown[]) => props.onValue(next.length > 0 ? next : undefined);
  const moveUp = (index: number) =>
    replace([...items.slice(0, index - 1), items[index], items[index - 1], ...items.slice(index + 1)]);
  return (
    <Fieldset.Root borderWidth="1px" borderColor="border" borderRadius="md" p="3" disabled={readOnly}>
      <Fieldset.Legend>
        {props.label}
        {props.required ? " *" : ""}
      </Fieldset.Legend>
      {props.schema.description ? <Fieldset.HelperText>{props.schema.description}</Fieldset.HelperText> : null}
      <Fieldset.Content>
        {issuesAt(issues, props.path).map((issue, index) => (
          <IssueMessage key={`${issue.path}-${index}`} issue={issue} />
        ))}
        {items.length === 0 ? <Text color="fg.muted" fontSize="sm">None yet.</Text> : null}
        {items.map((item, index) => (
          <Box
            key={index}
            role="group"
            aria-label={`${props.label} ${index + 1}`}
            borderWidth="1px"
            borderColor="border.muted"
            borderRadius="md"
            p="2"
          >
            <Stack gap="2">
              <ConfigFields
                schema={props.item}
                path={[...props.path, index]}
                value={asRecord(item)}
                onValue={(value) => replace(items.map((current, position) => (position === index ? value : current)))}
              />
              {readOnly ? null : (
                <HStack gap="2">
                  <Button size="2xs" variant="ghost" disabled={index === 0} onClick={() => moveUp(index)}>
                    Move up
                  </Button>
                  <Button
                    size="2xs"
                    variant="ghost"
                    onClick={() => replace(items.filter((_, position) => position !== index))}
                  >
                    Remove
                  </Button>
                </HStack>
              )}
            </Stack>
          </Box>
        ))}
        {readOnly ? null : (
          <Button size="xs" variant="outline" alignSelf="start" onClick={() => replace([...items, {}])}>
            Add to {props.label}
          </Button>
        )}
      </Fieldset.Content>
    </Fieldset.Root>
  );
}
