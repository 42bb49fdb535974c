import { HStack, Input } from "@chakra-ui/react";
import type { RefObject } from "react";

import { useFormSettings } from "../formContext";
import { FunctionHelp } from "./FunctionHelp";

/** Props of {@link ExpressionInput}. */
export interface ExpressionInputProps {
  value: string;
  /** Names the field, for the help button (and the input when `ariaLabel` is set). */
  label: string;
  onText: (text: string) => void;
  /** The input, for selecting the character an issue points at. */
  inputRef: RefObject<HTMLInputElement | null>;
  placeholder?: string | undefined;
  /** An accessible name, when no field label names the input. */
  ariaLabel?: string | undefined;
  /** The input's id, when several inputs share one field (a map's rows). */
  id?: string | undefined;
  invalid?: boolean;
}

/** An expression input with the function help beside it; a chosen function goes in at the cursor. */
export function ExpressionInput(props: ExpressionInputProps) {
  const { value, label, onText, inputRef, placeholder, ariaLabel, id, invalid } = props;
  const { readOnly } = useFormSettings();
  const insert = (text: string) => {
    const input = inputRef.current;
    const start = input?.selectionStart ?? value.length;
    const end = input?.selectionEnd ?? value.length;
    onText(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  return (
    <HStack gap="2" width="full">
      <Input
        ref={inputRef}
        id={id}
        flex="1"
        size="sm"
        fontFamily="mono"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-invalid={invalid || undefined}
        disabled={readOnly}
        onChange={(event) => onText(event.target.value)}
      />
      <FunctionHelp label={label} onInsert={readOnly ? undefined : insert} />
    </HStack>
  );
}

/** Focus `input` and select its 1-based `character`, which an issue points at. */
export function selectCharacter(input: HTMLInputElement | null, character: number): void {
  input?.focus();
  input?.setSelectionRange(character - 1, character);
}
