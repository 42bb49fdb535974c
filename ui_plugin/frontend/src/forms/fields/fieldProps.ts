/** What the schema-driven form hands every field editor. */

import type { NodePath } from "../configPath";
import type { JsonSchema } from "../schema/jsonSchema";

/** Props of a field editor: its schema (without the null alternative), where it is, its value. */
export interface FieldProps {
  /** The config key (`batch_rows`), shown beside the label; empty for a group of keys. */
  name: string;
  /** What the user reads (`Batch Rows`). */
  label: string;
  schema: JsonSchema;
  /** Path from the node (`["config", "csv", "delimiter"]`), to match issues. */
  path: NodePath;
  /** The current value; undefined when the key is absent (its default applies). */
  value: unknown;
  required: boolean;
  /** Null is allowed (the schema says `anyOf: [X, null]`). */
  nullable: boolean;
  /** Set the value; undefined removes the key, so its default applies. */
  onValue: (value: unknown) => void;
}

/** The default or first example of a field, as a placeholder (`65536`, `e.g. int64`). */
export function placeholderOf(schema: JsonSchema): string | undefined {
  if (schema.default !== undefined && schema.default !== null && schema.default !== "") {
    return typeof schema.default === "string" ? schema.default : JSON.stringify(schema.default);
  }
  const example = schema.examples?.[0];
  if (example !== undefined) {
    return `e.g. ${typeof example === "string" ? example : JSON.stringify(example)}`;
  }
  return undefined;
}
