/**
 * Config fields that name columns of the node's input, so their editors suggest the upstream
 * columns. The registry marks them in the config schema with `x-aggregator-column`
 * (dag_factory/registry/config_fields.py): `"value"` on a column name or a list of them, `"keys"`
 * on a map whose keys are column names. A node type whose schema has no marker at all (a custom
 * type written without it) gets the fields known by name, as the transform and sink docs name them.
 */

import type { JsonSchema } from "./jsonSchema";

/** The schema keyword marking a field that names input columns. */
export const COLUMN_MARKER = "x-aggregator-column";

/** How the fields of one node type's form are told to name columns. */
export type ColumnRule = "marker" | "name";

/** Field names (lists or single names) whose values are input columns, for unmarked schemas. */
const COLUMN_VALUE_FIELDS = new Set([
  "keys",
  "group_by",
  "columns",
  "on",
  "left_on",
  "right_on",
  "index",
  "values",
  "drop",
  "explode",
  "ids",
  "partition_by",
  "column",
  "cursor_column",
]);

/** Names of maps whose keys are input columns (rename, cast, fill nulls), for unmarked schemas. */
const COLUMN_KEY_FIELDS = new Set(["rename", "columns", "values"]);

/** `marker` when the config schema (its `$defs` included) marks any field, `name` otherwise. */
export function columnRule(configSchema: JsonSchema): ColumnRule {
  return hasMarker(configSchema) ? "marker" : "name";
}

/** Whether the values of field `name` (schema `schema`, unwrapped from its null alternative) are input columns. */
export function namesColumns(name: string, schema: JsonSchema, rule: ColumnRule): boolean {
  return rule === "marker" ? schema[COLUMN_MARKER] === "value" : COLUMN_VALUE_FIELDS.has(name);
}

/** Whether the keys of map field `name` (schema `schema`) are input column names. */
export function keysAreColumns(name: string, schema: JsonSchema, rule: ColumnRule): boolean {
  return rule === "marker" ? schema[COLUMN_MARKER] === "keys" : COLUMN_KEY_FIELDS.has(name);
}

function hasMarker(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(hasMarker);
  }
  if (value === null || typeof value !== "object") {
    return false;
  }
  return Object.entries(value).some(([key, inner]) => key === COLUMN_MARKER || hasMarker(inner));
}
