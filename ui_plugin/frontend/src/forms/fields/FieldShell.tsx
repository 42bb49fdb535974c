import { Code, Field, HStack, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";

import { IssueMessage } from "../IssueMessage";
import { useFormSettings } from "../formContext";
import { issuesAt, pathBelow } from "../issuePaths";
import type { FieldProps } from "./fieldProps";

/** Props of {@link FieldShell}. */
export interface FieldShellProps {
  field: FieldProps;
  /** The editor. */
  children: ReactNode;
  /** An error found here, before the spec is validated (a number that does not parse). */
  error?: string | null | undefined;
  /** Which issues to show: at the field's path, also below it (list items, naming where each is), or none. */
  issuesShown?: "here" | "below" | "none";
  /** Leave out the label, for editors that label themselves (a switch). */
  unlabelled?: boolean;
  /** Shown under the description (the connection found, the default of a switch). */
  note?: ReactNode;
  /** Select a character of the field's input, for issues that point at one. */
  onLocate?: (character: number) => void;
}

/** A field of the form: label (required marked, key shown), editor, description and its issues. */
export function FieldShell(props: FieldShellProps) {
  const { field, children, error, issuesShown = "here", unlabelled = false, note, onLocate } = props;
  const { issues, readOnly } = useFormSettings();
  const found = issuesShown === "none" ? [] : issuesAt(issues, field.path, issuesShown === "below");
  return (
    <Field.Root required={field.required} invalid={found.length > 0 || Boolean(error)} disabled={readOnly}>
      {unlabelled ? null : (
        <HStack gap="2" align="baseline">
          <Field.Label>
            {field.label}
            <Field.RequiredIndicator />
          </Field.Label>
          {field.name ? (
            <Code size="xs" variant="plain" color="fg.muted">
              {field.name}
            </Code>
          ) : null}
        </HStack>
      )}
      {children}
      {field.schema.description ? <Field.HelperText>{field.schema.description}</Field.HelperText> : null}
      {note}
      {error || found.length > 0 ? (
        // One error text, so the editor's aria-describedby reads every problem.
        <Field.ErrorText flexDirection="column" alignItems="start">
          {error ? <Text>{error}</Text> : null}
          {found.map((issue, index) => (
            <IssueMessage
              key={`${issue.path}-${index}`}
              issue={issue}
              where={describeWhere(pathBelow(issue, field.path))}
              onLocate={onLocate}
            />
          ))}
        </Field.ErrorText>
      ) : null}
    </Field.Root>
  );
}

/** `[1]` -> `item 2`; `total` stays; `` (the field itself) -> nothing. */
function describeWhere(below: string): string | undefined {
  if (!below) {
    return undefined;
  }
  const item = /^\[(\d+)\]/.exec(below);
  return item ? `item ${Number(item[1]) + 1}${below.slice(item[0].length)}` : below;
}
