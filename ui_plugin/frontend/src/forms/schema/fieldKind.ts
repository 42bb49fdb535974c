/**
 * Which editor a config field gets, read from its JSON Schema. The registry marks connection ids
 * and expressions with a `format` (dag_factory/registry/config_fields.py,
 * providers/transforms/expression_config.py); everything else follows from the schema's shape.
 */

import { type Definitions, type JsonSchema, resolved, typeOf, unwrapNullable } from "./jsonSchema";

/** `format` of a field holding an Airflow connection id. */
export const CONNECTION_FORMAT = "airflow-connection";
/** `format` of a field holding an expression of the expression language. */
export const EXPRESSION_FORMAT = "aggregator-expression";

/** Scalar kinds a list item or a map value can have. */
export type ScalarKind = "text" | "integer" | "number" | "expression";

/** The editor of one field, with what that editor needs from the schema. */
export type FieldKind =
  | { kind: "connection" }
  | { kind: "expression" }
  | { kind: "enum"; options: (string | number)[] }
  | { kind: "boolean" }
  | { kind: "number"; integer: boolean }
  | { kind: "text" }
  | { kind: "scalarList"; item: ScalarKind }
  | { kind: "objectList"; item: JsonSchema }
  | { kind: "map"; value: ScalarKind }
  | { kind: "object" }
  | { kind: "json" };

/** How to edit a field whose schema (already unwrapped from its null alternative) is `schema`. */
export function fieldKind(schema: JsonSchema, definitions: Definitions): FieldKind {
  if (schema.format === CONNECTION_FORMAT) {
    return { kind: "connection" };
  }
  if (schema.format === EXPRESSION_FORMAT) {
    return { kind: "expression" };
  }
  if (Array.isArray(schema.enum) && schema.enum.every(isEnumValue)) {
    return { kind: "enum", options: schema.enum };
  }
  switch (typeOf(schema)) {
    case "boolean":
      return { kind: "boolean" };
    case "integer":
    case "number":
      return { kind: "number", integer: schema.type === "integer" };
    case "string":
      return { kind: "text" };
    case "array":
      return arrayKind(schema, definitions);
    case "object":
      return objectKind(schema, definitions);
    default:
      return { kind: "json" };
  }
}

/** The scalar kind of a list item or map value, or undefined when it is not a plain scalar. */
export function scalarKind(schema: JsonSchema, definitions: Definitions): ScalarKind | undefined {
  const plain = resolved(schema, definitions);
  if (plain.format === EXPRESSION_FORMAT) {
    return "expression";
  }
  const type = typeOf(plain);
  if (type === "string" && plain.enum === undefined) {
    return "text";
  }
  return type === "integer" || type === "number" ? type : undefined;
}

function arrayKind(schema: JsonSchema, definitions: Definitions): FieldKind {
  if (!schema.items) {
    return { kind: "json" };
  }
  const item = scalarKind(schema.items, definitions);
  if (item) {
    return { kind: "scalarList", item };
  }
  const { schema: object, nullable } = unwrapNullable(schema.items, definitions);
  return !nullable && typeOf(object) === "object" && object.properties
    ? { kind: "objectList", item: object }
    : { kind: "json" };
}

function objectKind(schema: JsonSchema, definitions: Definitions): FieldKind {
  if (schema.properties) {
    return { kind: "object" };
  }
  const values = schema.additionalProperties;
  const value = typeof values === "object" ? scalarKind(values, definitions) : undefined;
  return value ? { kind: "map", value } : { kind: "json" };
}

function isEnumValue(value: unknown): value is string | number {
  return typeof value === "string" || typeof value === "number";
}
