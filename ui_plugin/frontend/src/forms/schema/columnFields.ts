/**
 * Config fields that name columns of the node's input, so their editors suggest the upstream
 * columns. The registry's schemas do not mark such fields, so they are known by name, as the
 * transform and sink docs name them (docs/transforms.md).
 */

/** Fields (lists or single names) whose values are input columns. */
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

/** Maps whose keys are input columns (rename, cast, fill nulls). */
const COLUMN_KEY_FIELDS = new Set(["rename", "columns", "values"]);

/** Whether the values of field `name` are input column names. */
export function namesColumns(name: string): boolean {
  return COLUMN_VALUE_FIELDS.has(name);
}

/** Whether the keys of map field `name` are input column names. */
export function keysAreColumns(name: string): boolean {
  return COLUMN_KEY_FIELDS.has(name);
}
