import { Textarea } from "@chakra-ui/react";

import { useDraft } from "../useDraft";
import { FieldShell } from "./FieldShell";
import { type FieldProps, placeholderOf } from "./fieldProps";

/** Props of {@link JsonField}. */
export interface JsonFieldProps extends FieldProps {
  /** Show the issues at and below the field's path (default), or leave them to the form. */
  issuesShown?: "below" | "none";
}

/**
 * A value the form has no editor for (free-form objects, values of several types) as JSON text.
 * Text that does not parse stays, with the parser's message, and is not applied; empty removes the key.
 */
export function JsonField({ issuesShown = "below", ...props }: JsonFieldProps) {
  const [text, keep] = useDraft(props.value, jsonText);
  const error = jsonError(text);
  const change = (next: string) => {
    const problem = jsonError(next);
    const value = problem ? props.value : next.trim() === "" ? undefined : (JSON.parse(next) as unknown);
    keep(next, value);
    if (!problem) {
      props.onValue(value);
    }
  };
  return (
    <FieldShell field={props} error={error} issuesShown={issuesShown}>
      <Textarea
        size="sm"
        fontFamily="mono"
        spellCheck={false}
        rows={Math.min(12, Math.max(2, text.split("\n").length))}
        value={text}
        placeholder={placeholderOf(props.schema) ?? "JSON"}
        onChange={(event) => change(event.target.value)}
      />
    </FieldShell>
  );
}

function jsonText(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

function jsonError(text: string): string | null {
  if (text.trim() === "") {
    return null;
  }
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}
