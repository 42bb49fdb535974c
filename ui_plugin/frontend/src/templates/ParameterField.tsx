import { Badge, Field, HStack, Input, NativeSelect, Switch, Textarea } from "@chakra-ui/react";

import type { TemplateParameter } from "../api/templates";
import { defaultText } from "./parameterValues";

interface ParameterFieldProps {
  parameter: TemplateParameter;
  /** Text as typed, or the switch's state for a boolean. */
  value: string | boolean;
  /** What the API said is wrong with the value. */
  error: string | undefined;
  onChange: (value: string | boolean) => void;
  disabled?: boolean;
}

/** One parameter of a template as a form field fitting its type, with its description and default. */
export function ParameterField({ parameter, value, error, onChange, disabled }: ParameterFieldProps) {
  const hint = defaultText(parameter);
  return (
    <Field.Root invalid={error !== undefined} required={parameter.required} disabled={disabled}>
      <Field.Label>
        <HStack gap="2">
          <span>{parameter.name}</span>
          <Field.RequiredIndicator />
          <Badge size="sm" variant="outline">
            {parameter.type === "list" && parameter.items ? `list of ${parameter.items}` : parameter.type}
          </Badge>
        </HStack>
      </Field.Label>
      <ParameterControl parameter={parameter} value={value} hint={hint} onChange={onChange} />
      {parameter.description || hint ? (
        <Field.HelperText>
          {parameter.description}
          {hint ? `${parameter.description ? " " : ""}Default: ${hint}.` : ""}
        </Field.HelperText>
      ) : null}
      {error ? <Field.ErrorText>{error}</Field.ErrorText> : null}
    </Field.Root>
  );
}

interface ParameterControlProps {
  parameter: TemplateParameter;
  value: string | boolean;
  hint: string;
  onChange: (value: string | boolean) => void;
}

function ParameterControl({ parameter, value, hint, onChange }: ParameterControlProps) {
  if (parameter.type === "boolean") {
    return (
      <Switch.Root checked={value === true} onCheckedChange={(event) => onChange(event.checked)}>
        <Switch.HiddenInput aria-label={parameter.name} />
        <Switch.Control />
        <Switch.Label>{value === true ? "yes" : "no"}</Switch.Label>
      </Switch.Root>
    );
  }
  const text = typeof value === "string" ? value : "";
  if (parameter.enum) {
    return (
      <NativeSelect.Root size="sm">
        <NativeSelect.Field value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{hint ? `default (${hint})` : "choose…"}</option>
          {parameter.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
    );
  }
  if (parameter.type === "list") {
    return (
      <Textarea
        size="sm"
        rows={3}
        value={text}
        placeholder={hint ? `${hint} (one per line, or comma-separated)` : "one per line, or comma-separated"}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  const numeric = parameter.type === "integer" || parameter.type === "number";
  return (
    <Input
      size="sm"
      inputMode={numeric ? "decimal" : undefined}
      value={text}
      placeholder={hint || (parameter.type === "connection" ? "an Airflow connection id" : undefined)}
      fontFamily={parameter.type === "connection" ? "mono" : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
