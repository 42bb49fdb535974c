import { Alert, Button, List, Spinner, HStack, Text } from "@chakra-ui/react";

import type { SpecIssue } from "../spec/types";
import type { ValidationState } from "./useSpecValidation";
import type { TextProblem } from "./yamlText";

interface SpecProblemsProps {
  /** Why the text is not YAML or not a spec; the server is not asked then. */
  textProblem: TextProblem | null;
  validation: ValidationState;
  /** Put the cursor on a line of the text. */
  onGoToLine: (line: number, column: number) => void;
}

function at(line: number | null, column: number | null): string {
  return line === null ? "" : `Line ${line}${column === null ? "" : `, column ${column}`}: `;
}

/** The problems of the code view's text: broken YAML first, then the server's spec issues by line. */
export function SpecProblems({ textProblem, validation, onGoToLine }: SpecProblemsProps) {
  if (textProblem) {
    return (
      <Alert.Root status="error" aria-label="YAML error">
        <Alert.Indicator />
        <Alert.Content>
          <Alert.Title>
            {at(textProblem.line, textProblem.column)}
            {textProblem.message}
          </Alert.Title>
          <Alert.Description>The pipeline keeps its last valid spec until the text is fixed.</Alert.Description>
        </Alert.Content>
      </Alert.Root>
    );
  }
  if (validation.kind === "checking") {
    return (
      <HStack gap="2" color="fg.muted" fontSize="sm">
        <Spinner size="xs" /> <Text>Checking the spec…</Text>
      </HStack>
    );
  }
  if (validation.kind === "failed") {
    return (
      <Text color="fg.error" fontSize="sm" role="alert">
        Could not check the spec: {validation.message}
      </Text>
    );
  }
  if (validation.kind !== "checked") {
    return null;
  }
  if (validation.result.valid) {
    return (
      <Text color="fg.muted" fontSize="sm" role="status">
        The spec is valid.
      </Text>
    );
  }
  return (
    <List.Root aria-label="Spec problems" gap="1" ps="4" fontSize="sm">
      {validation.result.errors.map((issue, index) => (
        <IssueItem key={index} issue={issue} onGoToLine={onGoToLine} />
      ))}
    </List.Root>
  );
}

function IssueItem({ issue, onGoToLine }: { issue: SpecIssue; onGoToLine: SpecProblemsProps["onGoToLine"] }) {
  const { line, column } = issue;
  return (
    <List.Item color="fg.error">
      {line !== null ? (
        <Button
          variant="plain"
          size="xs"
          px="0"
          height="auto"
          colorPalette="red"
          onClick={() => onGoToLine(line, column ?? 1)}
        >
          {at(line, column)}
        </Button>
      ) : null}{" "}
      <Text as="span" fontFamily="mono">
        {issue.path}
      </Text>{" "}
      {issue.message}
    </List.Item>
  );
}
