/** Form inputs of a template's parameters, and the values POST /templates/{id}/instantiate takes. */

import type { TemplateParameter } from "../api/templates";

/** What the form holds per parameter: text as typed, or a switch's state for booleans. */
export type ParameterInputs = Record<string, string | boolean>;

/** The form's starting state: booleans at their default, every other field empty (the default shows as a hint). */
export function initialInputs(parameters: TemplateParameter[]): ParameterInputs {
  return Object.fromEntries(
    parameters.map((parameter) => [parameter.name, parameter.type === "boolean" ? parameter.default === true : ""]),
  );
}

/** A parameter's default as the form shows it, for a hint; empty when it has none. */
export function defaultText(parameter: TemplateParameter): string {
  const value = parameter.default;
  if (value === null || value === undefined) {
    return "";
  }
  return Array.isArray(value) ? value.map(String).join(", ") : String(value);
}

/**
 * The values to send: empty fields are left out (the template's default applies, and a required
 * one is reported missing by the API); numbers and lists are converted from their text. Text that
 * is not a number is sent as typed, so the API names the field it does not accept.
 */
export function parameterValues(parameters: TemplateParameter[], inputs: ParameterInputs): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const input = inputs[parameter.name];
    if (typeof input === "boolean") {
      values[parameter.name] = input;
    } else if (input !== undefined && input.trim() !== "") {
      values[parameter.name] = valueOf(parameter, input.trim());
    }
  }
  return values;
}

function valueOf(parameter: TemplateParameter, text: string): unknown {
  if (parameter.enum) {
    return parameter.enum.find((option) => String(option) === text) ?? text;
  }
  if (parameter.type === "list") {
    return text
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== "")
      .map((item) => scalarOf(parameter.items ?? "string", item));
  }
  return scalarOf(parameter.type, text);
}

function scalarOf(type: string, text: string): unknown {
  if (type === "integer" && /^[-+]?\d+$/.test(text)) {
    return Number(text);
  }
  if (type === "number" && text !== "" && Number.isFinite(Number(text))) {
    return Number(text);
  }
  return text;
}
